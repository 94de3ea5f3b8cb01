"""The embedded default: SQLite, tasks in-process, console email, development server."""
from .base import *
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="zhuan-local-development-only-not-secret")
