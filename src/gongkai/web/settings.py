"""Django settings of the gongkai platform, read from the environment (docs/platform.md#settings).

Every value comes through the typed helpers of :mod:`gongkai.web.environment`, which fail loudly on
a malformed value. Nothing here is a secret: the secret key is generated into the data directory.

Environment variables: ``GONGKAI_DATA_DIR``, ``GONGKAI_SECRET_KEY``, ``GONGKAI_DEBUG``,
``GONGKAI_ALLOWED_HOSTS``, ``GONGKAI_CSRF_TRUSTED_ORIGINS``, ``GONGKAI_SECURE_COOKIES``,
``DATABASE_URL``, ``GONGKAI_MAX_UPLOAD_MB``, ``GONGKAI_EMAIL_BACKEND`` (file | console | smtp),
``GONGKAI_SMTP_HOST/PORT/USER/PASSWORD/TLS/SSL/TIMEOUT``, ``GONGKAI_DEFAULT_FROM_EMAIL``,
``GONGKAI_SITE_URL``, ``GONGKAI_OVERDUE_REMEDIES_NOTE``,
``GONGKAI_LOGIN_MAX_FAILURES`` (+ ``_PER_USER``, ``_PER_ADDRESS``), ``GONGKAI_TRACK_MAX_PER_HOUR``,
``GONGKAI_APPLY_MAX_PER_HOUR``, ``GONGKAI_PASSWORD_RESET_MAX_PER_ADDRESS/_PER_EMAIL``,
``GONGKAI_TRUSTED_PROXY_COUNT``, ``GONGKAI_BEHIND_TLS_PROXY`` (+ ``GONGKAI_SSL_REDIRECT``,
``GONGKAI_HSTS_SECONDS``), ``GONGKAI_DB_CONN_MAX_AGE``, ``GONGKAI_SUPPLEMENT_PERIOD_WORKDAYS``,
``GONGKAI_FEE_NOTICE_PAUSES_CLOCK``, ``GONGKAI_FEE_PAYMENT_WORKDAYS``, ``GONGKAI_POST_DELIVERY_DAYS``,
``GONGKAI_LETTER_PDF``, ``GONGKAI_DEFAULT_REVIEW_BODY``, ``GONGKAI_TASKS_BACKEND``, ``GONGKAI_REDIS_URL``,
``GONGKAI_TASK_BEAT_SECONDS``, ``GONGKAI_TASK_STALE_SECONDS``, ``GONGKAI_TASK_MAX_CLAIMS``,
``GONGKAI_SERVE_WORKERS``.
"""

from __future__ import annotations

from pathlib import Path

from .environment import (
    SettingsError,
    data_dir,
    database,
    env_bool,
    env_email,
    env_int,
    env_list,
    env_month_day,
    env_str,
    env_url,
    secret_key,
)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("GONGKAI_DEBUG", False)
ALLOWED_HOSTS = env_list("GONGKAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("GONGKAI_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "gongkai.web.admin_site.GongkaiAdminConfig",  # the admin, for system administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.staticfiles",
    "gongkai.web.portal",
    "gongkai.web.agencies",
    "gongkai.web.accounts",
    "gongkai.web.audit",
    "gongkai.web.calendar",
    "gongkai.web.applications",
    "gongkai.web.security",
    "gongkai.web.disclosures",
    "gongkai.web.appeals",
    "gongkai.web.annual",
    "gongkai.web.supervision",
    "ninja",  # the API docs page from its own static files, no CDN (D40)
    "gongkai.web.api",
    "gongkai.web.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "gongkai.web.security.middleware.ControlCharacterMiddleware",  # no NUL reaches a query (404)
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "gongkai.web.urls"
WSGI_APPLICATION = "gongkai.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gongkai.web.portal.context.navigation",
            ],
        },
    },
]

DATABASES = {"default": database(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
#: Rate limits (security/throttle.py, D15), counted in the database across processes. Sign-in:
#: failures per (user name, address), per user name and per address within 15 minutes.
GONGKAI_LOGIN_MAX_FAILURES = env_int("GONGKAI_LOGIN_MAX_FAILURES", 5, minimum=1)
GONGKAI_LOGIN_MAX_FAILURES_PER_USER = env_int("GONGKAI_LOGIN_MAX_FAILURES_PER_USER", 20, minimum=1)
GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("GONGKAI_LOGIN_MAX_FAILURES_PER_ADDRESS", 50, minimum=1)
#: Per address and hour: tracking look-ups, anonymous online applications, password-reset requests;
#: and password-reset mails per e-mail address and hour.
GONGKAI_TRACK_MAX_PER_HOUR = env_int("GONGKAI_TRACK_MAX_PER_HOUR", 30, minimum=1)
GONGKAI_APPLY_MAX_PER_HOUR = env_int("GONGKAI_APPLY_MAX_PER_HOUR", 10, minimum=1)
GONGKAI_PASSWORD_RESET_MAX_PER_ADDRESS = env_int("GONGKAI_PASSWORD_RESET_MAX_PER_ADDRESS", 10, minimum=1)
GONGKAI_PASSWORD_RESET_MAX_PER_EMAIL = env_int("GONGKAI_PASSWORD_RESET_MAX_PER_EMAIL", 3, minimum=1)
#: Reverse proxies in front of the platform whose X-Forwarded-For is believed (0: use REMOTE_ADDR).
GONGKAI_TRUSTED_PROXY_COUNT = env_int("GONGKAI_TRUSTED_PROXY_COUNT", 0, minimum=0, maximum=10)

# 依申请公开 clock policy ([M] in domain.md §6, §12.1; see docs/applications.md "The law in the workflow"):
# the supplement period (条例第三十条 "合理的补正期限", default 15 WD), whether the fee notice→payment time
# is left out of the reply period (109号, default: counted — off), the payment period (default 20 WD),
# and the calendar days a posted letter is assumed to take until its receipt is recorded (default 3).
GONGKAI_CLOCK_POLICY = {
    "supplement_period_workdays": env_int("GONGKAI_SUPPLEMENT_PERIOD_WORKDAYS", 15, minimum=1, maximum=60),
    "fee_notice_pauses_clock": env_bool("GONGKAI_FEE_NOTICE_PAUSES_CLOCK", False),
    "fee_payment_workdays": env_int("GONGKAI_FEE_PAYMENT_WORKDAYS", 20, minimum=1, maximum=60),
}
GONGKAI_POST_DELIVERY_DAYS = env_int("GONGKAI_POST_DELIVERY_DAYS", 3, minimum=0, maximum=30)

# The interface is Chinese: English msgids, zh_Hans translations in locale/ (docs/platform.md).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns about a missing root before the first collectstatic
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed but not hashed: a template naming a file that was not collected still renders
    # (docs/decisions.md D12); `gongkai serve` runs collectstatic into the data dir at start.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 3600
MEDIA_ROOT = DATA_DIR / "uploads"
MEDIA_URL = "/media/"

#: The largest upload accepted, in bytes (attachments, annual reports, calendar files).
GONGKAI_MAX_UPLOAD_BYTES = env_int("GONGKAI_MAX_UPLOAD_MB", 20, minimum=1, maximum=1024) * 1024 * 1024
# Letters (docs/applications.md "Letters"): the PDF beside each sent letter's DOCX (LibreOffice), and
# the review body named in remedy clauses when an agency has no parent people's government ([M]).
GONGKAI_LETTER_PDF = env_bool("GONGKAI_LETTER_PDF", True)
GONGKAI_DEFAULT_REVIEW_BODY = env_str("GONGKAI_DEFAULT_REVIEW_BODY", "本级人民政府")
# Bodies above these sizes are streamed to disk (files) or refused (form fields); never held in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Security. Secure cookies by default outside DEBUG; `gongkai serve` on a loopback address turns
# them off for plain-HTTP use on the machine itself (docs/decisions.md D13).
SECURE_COOKIES = env_bool("GONGKAI_SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # Django's recommended default: the token is also in the form
SESSION_COOKIE_AGE = 8 * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("GONGKAI_BEHIND_TLS_PROXY", False):
    # Behind an HTTPS reverse proxy: trust its X-Forwarded-Proto, send plain-HTTP visitors to HTTPS,
    # and (once the operator is sure every host name has TLS) enable HSTS.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("GONGKAI_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("GONGKAI_HSTS_SECONDS", 0, minimum=0)

# Mail (password reset): written to files in the data dir unless SMTP is configured.
_email_backend = env_str("GONGKAI_EMAIL_BACKEND", "file")
if _email_backend == "file":
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(DATA_DIR / "mail")
elif _email_backend == "console":
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
elif _email_backend == "smtp":
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("GONGKAI_SMTP_HOST", "localhost")
    EMAIL_PORT = env_int("GONGKAI_SMTP_PORT", 25, minimum=1, maximum=65535)
    EMAIL_HOST_USER = env_str("GONGKAI_SMTP_USER", "")
    EMAIL_HOST_PASSWORD = env_str("GONGKAI_SMTP_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("GONGKAI_SMTP_TLS", False)
    EMAIL_USE_SSL = env_bool("GONGKAI_SMTP_SSL", False)
    EMAIL_TIMEOUT = env_int("GONGKAI_SMTP_TIMEOUT", 10, minimum=1, maximum=300)
    if EMAIL_USE_TLS and EMAIL_USE_SSL:
        raise SettingsError("环境变量 GONGKAI_SMTP_TLS 与 GONGKAI_SMTP_SSL 不能同时开启")
else:
    raise SettingsError(
        f"环境变量 GONGKAI_EMAIL_BACKEND 的值“{_email_backend}”无效（应为 file、console 或 smtp）"
    )
DEFAULT_FROM_EMAIL = env_email("GONGKAI_DEFAULT_FROM_EMAIL", "gongkai@localhost")
#: The platform's public address, used for links in notification mails (none when empty).
GONGKAI_SITE_URL = env_url("GONGKAI_SITE_URL", "")
#: An agency's own line added to the remedies shown on an overdue case (docs/applications.md#the-applicant).
GONGKAI_OVERDUE_REMEDIES_NOTE = env_str("GONGKAI_OVERDUE_REMEDIES_NOTE", "")

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

#: The steps of `gongkai demo` (dotted paths of ``load(context)`` functions), in order; later work
#: appends its own (docs/platform.md#demo).
GONGKAI_DEMO_STEPS = [
    "gongkai.web.demo.load_calendar",
    "gongkai.web.demo.load_agencies",
    "gongkai.web.demo.load_people",
    "gongkai.web.applications.demo.load",
    "gongkai.web.applications.demo_applicant.load",
    "gongkai.web.disclosures.demo.load",
    "gongkai.web.appeals.demo.load",
    "gongkai.web.annual.demo.load",
    "gongkai.web.supervision.demo.load",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The clerk's desk: roles that see applicants' identity and phone numbers in full in the case's own
# agency (others see them masked; docs/applications.md). Comma-separated, default: clerk.
GONGKAI_IDENTITY_FULL_ROLES = env_list("GONGKAI_IDENTITY_FULL_ROLES", ["clerk"])
# 主动公开 (gongkai.web.disclosures, docs/register.md). [M] values, configurable:
#: Working days allowed from 成文 (formed or changed) to 发布 (条例第二十六条: 20).
GONGKAI_PUBLISH_WITHIN_WORKING_DAYS = env_int("GONGKAI_PUBLISH_WITHIN_WORKING_DAYS", 20, minimum=1)
#: Days after publication after which a 规章/规范性文件 without its 政策解读 is flagged.
GONGKAI_INTERPRETATION_DUE_DAYS = env_int("GONGKAI_INTERPRETATION_DUE_DAYS", 3, minimum=0)
#: Similarity (0–100) above which applications are taken to ask for the same information (条例第四十四条).
GONGKAI_REPEAT_REQUEST_SIMILARITY = env_int("GONGKAI_REPEAT_REQUEST_SIMILARITY", 60, minimum=1, maximum=100)
#: How many similar applications make a proposal for proactive disclosure (条例第四十四条).
GONGKAI_REPEAT_REQUEST_MIN = env_int("GONGKAI_REPEAT_REQUEST_MIN", 3, minimum=2)

# 监督 (supervision). Annual report due dates (条例第四十九条; townships/subdistricts are not named in it,
# local notices set their date — [M], docs/supervision.md). Month-day, in the year after the report year.
GONGKAI_REPORT_DUE_DEPARTMENT = env_month_day("GONGKAI_REPORT_DUE_DEPARTMENT", "01-31")
GONGKAI_REPORT_DUE_GOVERNMENT = env_month_day("GONGKAI_REPORT_DUE_GOVERNMENT", "03-31")
GONGKAI_REPORT_DUE_OTHER = env_month_day("GONGKAI_REPORT_DUE_OTHER", "03-31")
# /check/: anyone may check a report when 1 (default: signed-in users only). Fast media are read in memory
# and never stored, slow ones kept briefly (D55; docs/supervision.md); the largest file accepted, in MB.
GONGKAI_PUBLIC_CHECK = env_bool("GONGKAI_PUBLIC_CHECK", False)
GONGKAI_CHECK_MAX_MB = env_int("GONGKAI_CHECK_MAX_MB", 20, minimum=1, maximum=64)
# Benchmarks among peers: anomaly thresholds (judgement, not law [M]; docs/supervision.md).
GONGKAI_BENCHMARK_CHANGE_PERCENT = env_int("GONGKAI_BENCHMARK_CHANGE_PERCENT", 100, minimum=1)
GONGKAI_BENCHMARK_CHANGE_MIN = env_int("GONGKAI_BENCHMARK_CHANGE_MIN", 5, minimum=0)
GONGKAI_BENCHMARK_REUSE_PERCENT = env_int("GONGKAI_BENCHMARK_REUSE_PERCENT", 60, minimum=1, maximum=100)

# ---- routing between agencies (docs/applications.md "Routing between agencies", D47) ----
# When the competent agency's clock starts after a 分送/转办 [M]: "restart" = at its 签收 (its own 收到申请之日,
# 条例第三十一条), "continue" = the first agency's receipt date stands.
GONGKAI_TRANSFER_CLOCK = env_str("GONGKAI_TRANSFER_CLOCK", "restart")
if GONGKAI_TRANSFER_CLOCK not in ("restart", "continue"):
    raise SettingsError(
        f"环境变量 GONGKAI_TRANSFER_CLOCK 只能为 restart 或 continue，而不是“{GONGKAI_TRANSFER_CLOCK}”。"
    )
# Working days the receiving agency has to 签收 or 退回 a routed application [M].
GONGKAI_ROUTING_SIGN_WORKDAYS = env_int("GONGKAI_ROUTING_SIGN_WORKDAYS", 2, minimum=1, maximum=10)
# ---- Background tasks (docs/platform.md#background-tasks, decisions D41–D42) ----
# GONGKAI_TASKS_BACKEND: database (default: queued in this database, run by `gongkai worker` or the
# worker thread of `gongkai serve`), redis (RQ on GONGKAI_REDIS_URL; run `gongkai worker`), or
# immediate (run at once in the calling process — tests, debugging).
GONGKAI_TASKS_BACKEND = env_str("GONGKAI_TASKS_BACKEND", "database")
GONGKAI_REDIS_URL = env_str("GONGKAI_REDIS_URL", "redis://127.0.0.1:6379/0")
if not GONGKAI_REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise SettingsError(
        f"环境变量 GONGKAI_REDIS_URL 的值“{GONGKAI_REDIS_URL}”无效（应为 redis://主机:端口/库号）"
    )
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "gongkai.web.tasks"]
RQ_QUEUES = {"default": {"URL": GONGKAI_REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
if GONGKAI_TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
elif GONGKAI_TASKS_BACKEND == "redis":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    INSTALLED_APPS += ["django_rq"]
elif GONGKAI_TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": []}}
else:
    raise SettingsError(
        f"环境变量 GONGKAI_TASKS_BACKEND 的值“{GONGKAI_TASKS_BACKEND}”无效（应为 database、redis 或 immediate）"
    )
#: Seconds between a worker's heartbeats; a RUNNING task whose worker was silent for STALE seconds is
#: put back in the queue, at most MAX_CLAIMS times (then failed). Worker threads in `gongkai serve`.
GONGKAI_TASK_BEAT_SECONDS = env_int("GONGKAI_TASK_BEAT_SECONDS", 5, minimum=1, maximum=600)
GONGKAI_TASK_STALE_SECONDS = env_int("GONGKAI_TASK_STALE_SECONDS", 60, minimum=2, maximum=86400)
GONGKAI_TASK_MAX_CLAIMS = env_int("GONGKAI_TASK_MAX_CLAIMS", 3, minimum=1, maximum=100)
GONGKAI_SERVE_WORKERS = env_int("GONGKAI_SERVE_WORKERS", 1, minimum=0, maximum=16)
# HTTP API (docs/api.md): requests per token and minute (HTTP 429 beyond).
GONGKAI_API_MAX_PER_MINUTE = env_int("GONGKAI_API_MAX_PER_MINUTE", 120, minimum=1)
# Operations (docs/deploy.md). Backups: the directory `gongkai backup` writes to when no
# file is named, and the age in days past which `gongkai check-deploy` reports the newest as too old.
GONGKAI_BACKUP_DIR = env_str("GONGKAI_BACKUP_DIR", "")
GONGKAI_BACKUP_MAX_AGE_DAYS = env_int("GONGKAI_BACKUP_MAX_AGE_DAYS", 2, minimum=1)
# Logs: plain text (default) or one JSON object per line; one line per request (gongkai.request),
# a 403/404 without traceback. The Content-Security-Policy (D44; GONGKAI_CSP replaces it, empty: none).
# /healthz and /readyz are answered before host validation and the HTTPS redirect (docs/deploy.md).
_log_format = env_str("GONGKAI_LOG_FORMAT", "plain")
if _log_format not in {"plain", "json"}:
    raise SettingsError(f"环境变量 GONGKAI_LOG_FORMAT 的值“{_log_format}”无效（应为 plain 或 json）")
_log_level = env_str("GONGKAI_LOG_LEVEL", "WARNING").upper()
if _log_level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
    raise SettingsError(
        f"环境变量 GONGKAI_LOG_LEVEL 的值“{_log_level}”无效（应为 DEBUG、INFO、WARNING 或 ERROR）"
    )
from gongkai.web.ops.logs import logging_config  # noqa: E402
from gongkai.web.ops.policy import DEFAULT_CSP  # noqa: E402

LOGGING = logging_config(_log_format, _log_level)
GONGKAI_CSP = env_str("GONGKAI_CSP", DEFAULT_CSP)
MIDDLEWARE = [
    "gongkai.web.ops.middleware.HealthMiddleware",
    "gongkai.web.ops.middleware.RequestLogMiddleware",
    "gongkai.web.ops.middleware.ContentSecurityPolicyMiddleware",
    *MIDDLEWARE,
]
# ---- annual-report reminders (docs/annual.md, D53) ----
# Annual-report reminders (条例第四十九条): from 1 January of the next year until published, at most one
# reminder per agency per this many days (and one on the first day overdue). Judgement, not law [M].
GONGKAI_ANNUAL_REMINDER_DAYS = env_int("GONGKAI_ANNUAL_REMINDER_DAYS", 7, minimum=1, maximum=90)
# ---- gongkai serve's connections (waitress; docs/platform.md, "Connections") ----
#: Open connections waitress accepts at once (its own default, 100, let 100 idle sockets stop the
#: site answering until they timed out); past it new connections wait in the listen queue.
GONGKAI_SERVE_CONNECTION_LIMIT = env_int("GONGKAI_SERVE_CONNECTION_LIMIT", 500, minimum=10, maximum=4000)
#: Seconds after which an idle or half-sent connection is closed (waitress default 120).
GONGKAI_SERVE_CHANNEL_TIMEOUT = env_int("GONGKAI_SERVE_CHANNEL_TIMEOUT", 30, minimum=5)
# ---- /check/ uploads processed in the background (D55; docs/supervision.md) ----
#: Minutes a slow /check/ upload and its result are kept before they are deleted.
GONGKAI_CHECK_KEEP_MINUTES = env_int("GONGKAI_CHECK_KEEP_MINUTES", 30, minimum=1, maximum=24 * 60)
#: Uploads larger than this (KB) go to the background whatever their medium.
GONGKAI_CHECK_INLINE_MAX_KB = env_int("GONGKAI_CHECK_INLINE_MAX_KB", 2048, minimum=1)
#: Seconds the background reading and checking of one upload may take (then it is killed).
GONGKAI_CHECK_TASK_SECONDS = env_int("GONGKAI_CHECK_TASK_SECONDS", 600, minimum=1, maximum=3600)
