"""Settings for benchmark runs: the product's settings plus the bare baseline endpoint.

Only two things differ from production, both said in the report:
- the baseline app (bench/baseline) is installed, so its endpoint runs beside ours in the same process;
- passwords are hashed with a cheap hasher. A checkout checks the borrower's password (CORE-6); PBKDF2
  costs ~100 ms of CPU by design and would measure the hash, not the key room.
"""
from config.settings import *  # noqa: F401,F403
from config.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "bench.baseline"]
ROOT_URLCONF = "bench.urls"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}}}
