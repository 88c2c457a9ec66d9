"""PropDesk settings, read from the environment (see .env.example).

Development works with no environment at all: SQLite in ./var, a fixed dev secret.
Production (PROPDESK_ENV=production) refuses to start without a real secret key.
"""
from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core import directory_config
from core.key_safety import DEV_SECRET, key_problems

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PROPDESK_VAR_DIR") or BASE_DIR / "var")


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():  # empty, as in .env.example, means the default
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


ENVIRONMENT = os.environ.get("PROPDESK_ENV") or "development"
PRODUCTION = ENVIRONMENT == "production"
# Outside production the public DEV_SECRET stands in (system check propdesk.W001 says so at every start).
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or ("" if PRODUCTION else DEV_SECRET)
DEBUG = env_bool("DJANGO_DEBUG", not PRODUCTION)
ALLOWED_HOSTS = [h for h in (os.environ.get("DJANGO_ALLOWED_HOSTS") or "127.0.0.1,localhost,testserver").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in (os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS") or "").split(",") if o]

# Key for encrypting personal data at rest (CORE-3). Derived from SECRET_KEY when unset so that
# development needs nothing (and its data stays readable); production must set its own, kept out of the
# database backup. Production refuses to start without both keys (core/key_safety.py).
FIELD_ENCRYPTION_KEY = os.environ.get("PROPDESK_FIELD_KEY") or ""
if PRODUCTION and key_problems(secret_key=SECRET_KEY, field_key=FIELD_ENCRYPTION_KEY):
    raise ImproperlyConfigured("PROPDESK_ENV=production: " + " ".join(
        key_problems(secret_key=SECRET_KEY, field_key=FIELD_ENCRYPTION_KEY)))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "core",
    "keys",
    "duty",
    "desk",
    "archives",
    "siteoffice",
    "safety",
    "stores",
    "staff",
    "residents",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.SessionTimeoutMiddleware",
    "core.middleware.LockoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.NoStoreMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.middleware.CurrentProjectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.propdesk",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default: WAL, synchronous=FULL (a committed loan survives a power cut),
# IMMEDIATE transactions so that writers queue on the lock instead of failing mid-transaction.
SQLITE_PATH = Path(os.environ.get("PROPDESK_SQLITE_PATH") or VAR_DIR / "propdesk.sqlite3")
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 30,
}
DATABASE_URL = os.environ.get("DATABASE_URL") or ""
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)}
    if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        DATABASES["default"]["OPTIONS"] = dict(SQLITE_OPTIONS)
        DATABASES["default"]["CONN_MAX_AGE"] = 0
else:
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": dict(SQLITE_OPTIONS),
            "TEST": {"NAME": (os.environ.get("PROPDESK_TEST_SQLITE") or str(VAR_DIR / "test.sqlite3"))},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth and sessions ------------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Wrong passwords lock the username for a fixed cool-off (CORE-6, OWASP ASVS 2.2.1); see core/lockout.py.
AUTHENTICATION_BACKENDS = ["core.auth.LockoutModelBackend"]
# Sign-in with the company directory (LDAP / Active Directory, django-auth-ldap): off while PROPDESK_LDAP_URI is
# empty. The same backend asks the directory first, then the local account, in one counted attempt (core/directory.py);
# groups map to roles and projects (PROPDESK_LDAP_GROUP_ROLES, PROPDESK_LDAP_GROUP_PROJECTS; core/directory_config.py).
globals().update(directory_config.from_env(os.environ))
LOGIN_LOCKOUT_THRESHOLD = int(os.environ.get("PROPDESK_LOGIN_LOCKOUT_THRESHOLD") or 5)
LOGIN_LOCKOUT_WINDOW = int(os.environ.get("PROPDESK_LOGIN_LOCKOUT_WINDOW_SECONDS") or 15 * 60)
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("PROPDESK_LOGIN_LOCKOUT_SECONDS") or 15 * 60)
# A correct password clears the username's earlier wrong ones (off by default: guesses still in flight would be
# forgiven with them, so a burst holding the right password could check more than the threshold).
LOGIN_LOCKOUT_RESET_ON_SUCCESS = env_bool("PROPDESK_LOGIN_LOCKOUT_RESET_ON_SUCCESS", False)
# Wrong passwords from one client address, across every username it tries (password spraying).
LOGIN_ADDRESS_THRESHOLD = int(os.environ.get("PROPDESK_LOGIN_ADDRESS_THRESHOLD") or 30)
LOGIN_ADDRESS_WINDOW = int(os.environ.get("PROPDESK_LOGIN_ADDRESS_WINDOW_SECONDS") or 15 * 60)
LOGIN_ADDRESS_SECONDS = int(os.environ.get("PROPDESK_LOGIN_ADDRESS_LOCKOUT_SECONDS") or 15 * 60)
# How many reverse proxies we trust in front of the app: the client address is then read that many entries
# from the right of X-Forwarded-For; 0 (the default without DJANGO_BEHIND_PROXY) reads REMOTE_ADDR only.
LOGIN_TRUSTED_PROXIES = int(os.environ.get("PROPDESK_TRUSTED_PROXIES") or (1 if env_bool("DJANGO_BEHIND_PROXY", False) else 0))
SESSION_IDLE_TIMEOUT = int(os.environ.get("PROPDESK_SESSION_IDLE_SECONDS") or 30 * 60)
SESSION_COOKIE_AGE = int(os.environ.get("PROPDESK_SESSION_ABSOLUTE_SECONDS") or 12 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", PRODUCTION)
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS") or (31536000 if PRODUCTION else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("DJANGO_BEHIND_PROXY", False) else None
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy on every response (core.middleware). The templates carry no inline script or
# style; drawn signatures are data: images. PROPDESK_CSP replaces the whole policy.
CSP_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
CONTENT_SECURITY_POLICY = (os.environ.get("PROPDESK_CSP")
                           or "; ".join(f"{k} {v}" for k, v in CSP_DIRECTIVES.items()))
# The API docs page (Swagger UI) styles itself inline; it alone may (its script is a file: SpectacularSwaggerSplitView).
CONTENT_SECURITY_POLICY_API_DOCS = "; ".join(
    f"{k} {v}" for k, v in {**CSP_DIRECTIVES, "style-src": "'self' 'unsafe-inline'"}.items())
# /api/schema/ and /api/docs/: "public", "login" (signed-in people only) or "off" (404). Production: login.
API_DOCS = os.environ.get("PROPDESK_API_DOCS") or ("login" if PRODUCTION else "public")
if API_DOCS not in {"public", "login", "off"}:
    raise ImproperlyConfigured("PROPDESK_API_DOCS must be public, login or off.")

# --- Language and time (CORE-4, CORE-8) -------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("zh-hant", "繁體中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
# Static files are served by the app itself (WhiteNoise): no CDN, no separate web server needed on an
# intranet; `manage.py collectstatic` is optional (the finders are used when nothing was collected).
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = Path(os.environ.get("PROPDESK_MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "media/"

# Base address printed into key-tag QR codes; an intranet address, never the internet. Empty means
# the code carries only the opaque tag token, which the desk's scanner types into the search box.
TAG_BASE_URL = os.environ.get("PROPDESK_TAG_BASE_URL") or ""

# --- Background work and the notification outbox ----------------------------------------------
# Channel the outbox relay hands notifications to: "inbox" (in-app only), "email" or "file" (core/outbox.py).
# Seconds a worker keeps the policy rows it read (core.policies); 0 reads them on every use.
POLICY_CACHE_SECONDS = float(os.environ.get("PROPDESK_POLICY_CACHE_SECONDS") or 5)
PROPDESK_NOTIFICATION_CHANNEL = os.environ.get("PROPDESK_NOTIFICATION_CHANNEL") or "inbox"
PROPDESK_OUTBOX_FILE = os.environ.get("PROPDESK_OUTBOX_FILE") or str(VAR_DIR / "outbox.jsonl")
PROPDESK_BASE_URL = os.environ.get("PROPDESK_BASE_URL") or ""
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND") or "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST") or "localhost"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL") or "propdesk@localhost"
# Several machines: Celery with Redis (config/celery.py). Empty = the embedded default (cron + manage.py).
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL") or ""
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "relay-outbox": {"task": "propdesk.relay_outbox",
                     "schedule": float(os.environ.get("PROPDESK_RELAY_SECONDS") or 5)},
    "run-sweeps": {"task": "propdesk.run_sweeps", "schedule": 3600.0},
}
# Background jobs (imports, large exports; core/jobs): "celery" where a broker is set, else "thread" (a thread of
# the web process, after the submitting request commits); "inline" runs them in the request (tests).
PROPDESK_JOBS = os.environ.get("PROPDESK_JOBS", "")
# A job that wrote no progress for this long is taken for lost (its process died) and marked failed.
PROPDESK_JOB_STALE_SECONDS = int(os.environ.get("PROPDESK_JOB_STALE_SECONDS", 300))

# --- Audit trail: its key and the checkpoints of its head, both outside the database (CORE-5) -----
# core/audit_keys.py and core/audit_seal.py. Development generates a key into var/audit.key (with a warning);
# production needs one kept apart from the database and its backups. The run_sweeps job checkpoints hourly.
AUDIT_KEY = os.environ.get("PROPDESK_AUDIT_KEY") or ""
AUDIT_KEY_FILE = os.environ.get("PROPDESK_AUDIT_KEY_FILE") or ""
AUDIT_DEV_KEY_FILE = VAR_DIR / "audit.key"
AUDIT_CHECKPOINT_DIR = Path(os.environ.get("PROPDESK_AUDIT_CHECKPOINT_DIR") or VAR_DIR / "audit-checkpoints")
if PRODUCTION and not (AUDIT_KEY or AUDIT_KEY_FILE):
    raise ImproperlyConfigured("PROPDESK_ENV=production needs PROPDESK_AUDIT_KEY_FILE (or PROPDESK_AUDIT_KEY).")
if PRODUCTION and AUDIT_KEY and len(AUDIT_KEY) < 32:
    raise ImproperlyConfigured("PROPDESK_AUDIT_KEY needs 32+ random characters.")
if PRODUCTION and AUDIT_KEY_FILE and not os.access(AUDIT_KEY_FILE, os.R_OK):
    raise ImproperlyConfigured(f"PROPDESK_AUDIT_KEY_FILE {AUDIT_KEY_FILE} is missing or unreadable.")

# --- Input bounds (issue 14, findings 4, 5; core/limits.py, core/rest_parsers.py) ----------------
# An upload over ATTACHMENT_MAX_BYTES is refused from its Content-Length before a byte is read, and above
# FILE_UPLOAD_MAX_MEMORY_SIZE an upload streams to a temporary file instead of memory. A page's form (files
# aside) may be at most DATA_UPLOAD_MAX_MEMORY_SIZE with at most DATA_UPLOAD_MAX_NUMBER_FIELDS fields; an API
# body at most API_MAX_BODY_BYTES (a drawn signature is ~50 KB), nested JSON_MAX_DEPTH deep, with lists of at
# most LIST_MAX_ITEMS. Free text: names, notes, long texts (a day's log, a summary) — a company whose staff
# write longer may raise the note and long limits.
ATTACHMENT_MAX_BYTES = int(os.environ.get("PROPDESK_ATTACHMENT_MAX_BYTES") or 10 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_HANDLERS = ["core.uploads.BoundedUploadHandler",
                        "django.core.files.uploadhandler.MemoryFileUploadHandler",
                        "django.core.files.uploadhandler.TemporaryFileUploadHandler"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
API_MAX_BODY_BYTES = int(os.environ.get("PROPDESK_API_MAX_BODY_BYTES") or 2 * 1024 * 1024)
JSON_MAX_DEPTH = 32
# A NUL in the address or a typed form (PostgreSQL cannot store or compare it): 400 before any view.
MIDDLEWARE.insert(MIDDLEWARE.index("django.middleware.common.CommonMiddleware"), "core.middleware.RefuseNulBytesMiddleware")
LIST_MAX_ITEMS = int(os.environ.get("PROPDESK_LIST_MAX_ITEMS") or 500)
TEXT_MAX_CHARS = {"name": 200, "note": int(os.environ.get("PROPDESK_TEXT_MAX_NOTE") or 2000),
                  "long": int(os.environ.get("PROPDESK_TEXT_MAX_LONG") or 10000)}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "core.auth.LockoutBasicAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "core.openapi_schema.RoomAutoSchema",
    "DEFAULT_PAGINATION_CLASS": "core.pagination.StrictLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "EXCEPTION_HANDLER": "core.api_errors.exception_handler",
    "DEFAULT_PARSER_CLASSES": ["core.rest_parsers.BoundedJSONParser", "core.rest_parsers.BoundedFormParser",
                               "core.rest_parsers.BoundedMultiPartParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "PropDesk API",
    "DESCRIPTION": "物业客服中心管理系统 — key room, duty desk, front desk. Errors carry a stable `code`.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # Swagger UI served from our own static files: no CDN, works on an intranet.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "core.openapi.add_error_responses"],
    "ENUM_NAME_OVERRIDES": {
        "KeyStatusEnum": "keys.states.KeyStatus",
        "LoanStatusEnum": "keys.states.LoanStatus",
        "RequestStatusEnum": "keys.states.RequestStatus",
        "FollowStatusEnum": "keys.states.FollowStatus",
        "InventoryStatusEnum": "keys.models.registers.InventoryStatus",
        "InventoryKindEnum": "keys.models.registers.InventoryKind",
        "FaultKindEnum": "keys.models.followups.FaultKind",
        "IncidentKindEnum": "keys.models.followups.IncidentKind",
        "ResidentKindEnum": "core.models.people.ResidentKind",
        "EntryKindEnum": "duty.states.EntryKind",
        "SignoffKindEnum": "duty.states.SignoffKind",
        "SeverityEnum": "duty.states.Severity",
        "ClockKindEnum": "duty.models.attendance.ClockKind",
        "RosterStatusEnum": "duty.states.RosterStatus",
        "DutyRequestStatusEnum": "duty.states.RequestStatus",
        "ChangeKindEnum": "duty.models.roster.ChangeKind",
        "KeyCategoryEnum": "keys.categories.Category",
        "OperationKindEnum": "duty.models.handover.OperationKind",
        "NoticeKindEnum": "duty.models.holidays.NoticeKind",
        "OpeningKindEnum": "keys.models.deposit.OpeningKind",
        "NoticeChannelEnum": "duty.models.holidays.NoticeChannel",
        "ContactChannelEnum": "desk.models.intake.ContactChannel",
        "ContactKindEnum": "desk.models.intake.ContactKind",
        "ContactStatusEnum": "desk.models.intake.ContactStatus",
        "EscalationLevelEnum": "desk.models.intake.EscalationLevel",
        "RepairStatusEnum": "desk.models.repairs.RepairStatus",
        "PaidStatusEnum": "desk.models.paid.PaidStatus",
        "ComplaintChannelEnum": "desk.models.complaints.ComplaintChannel",
        "ComplaintStatusEnum": "desk.models.complaints.ComplaintStatus",
        "ComplaintSummaryKindEnum": "desk.models.complaints.SummaryKind",
        "QualityCheckKindEnum": "desk.models.quality.CheckKind",
        "NonconformityStatusEnum": "desk.models.quality.NonconformityStatus",
        "MatterKindEnum": "desk.kinds.MatterKind",
        "VisitStatusEnum": "desk.models.visits.VisitStatus",
        "VisitMethodEnum": "desk.models.visits.VisitMethod",
        "VisitStageEnum": "desk.models.visits.VisitStage",
        "SatisfactionEnum": "desk.models.visits.Satisfaction",
        "ArchiveVolumeStatusEnum": "archives.states.VolumeStatus",
        "ArchiveCheckKindEnum": "archives.states.CheckKind",
        "ArchiveFindingResultEnum": "archives.states.CheckResult",
        "ArchiveDocumentKindEnum": "archives.models.documents.DocKind",
        "ArchiveLoanKindEnum": "archives.models.lending.LoanKind",
        "SiteFeeKindEnum": "siteoffice.states.FeeKind",
        "LostItemDisposalEnum": "desk.models.lost.DisposalMethod",
        "OwnerConsentMethodEnum": "desk.models.passes.ConsentMethod",
        "IdTypeEnum": "desk.models.visitors.IdType",
        "StaffPlaceEnum": "staff.states.Place",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": (os.environ.get("PROPDESK_LOG_LEVEL") or "WARNING")},
}

PROPDESK_DEMO_PASSWORD = os.environ.get("PROPDESK_DEMO_PASSWORD") or "demo-pass-2026"
_ = _  # keep gettext_lazy importable here for future verbose settings
SESSION_IDLE_DELTA = timedelta(seconds=SESSION_IDLE_TIMEOUT)
