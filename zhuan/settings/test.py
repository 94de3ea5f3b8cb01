"""Settings for the test suite: fast hashing, in-memory email, eager tasks unless a test starts a worker."""
from .base import *
from .base import env

SECRET_KEY = "zhuan-tests-only"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
REQUIRE_SERVICES = env.bool("REQUIRE_SERVICES", default=False)
