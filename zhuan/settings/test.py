"""Settings for the test suite: fast hashing, in-memory email, eager tasks unless a test starts a worker."""
import os

from .base import *
from .base import env

SECRET_KEY = "zhuan-tests-only"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
REQUIRE_SERVICES = env.bool("REQUIRE_SERVICES", default=False)
# pytest-xdist runs its workers side by side against the one Redis: each keeps its own cache keys, as it keeps its
# own test database, so that one worker's test never counts or clears another's (sign-up throttling, say).
CACHES["default"]["KEY_PREFIX"] = os.environ.get("PYTEST_XDIST_WORKER", "")
