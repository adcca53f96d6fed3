"""Django settings for Waylight, read from the environment (WAYLIGHT_* variables).

Safe by default: DEBUG off, secure headers on, SQLite in the user's data folder with WAL, and
keys either given by the environment (required in production) or generated once in a keys
folder apart from the data. docs/web.md lists every variable; docs/security.md says why.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from waylight.web.datadir import DATABASE_FILE, data_dir, prepare_data_dir
from waylight.web.keys import KeyConfigError, load_keys
from waylight.web.logs import logging_config


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise KeyConfigError(f"{name} must be a whole number, not {raw!r}.") from None


WEB_DIR = Path(__file__).resolve().parent
HTTPS = _flag("WAYLIGHT_HTTPS")
ENVIRONMENT = os.environ.get("WAYLIGHT_ENV", "local").strip().lower() or "local"
if ENVIRONMENT not in {"local", "production"}:
    raise KeyConfigError(f"WAYLIGHT_ENV must be 'local' or 'production', not {ENVIRONMENT!r}.")
# Served over HTTPS means served to others: the same rules as production.
PRODUCTION = ENVIRONMENT == "production" or HTTPS
USES_SQLITE = not os.environ.get("DATABASE_URL", "").strip()

DATA_DIR = data_dir()
DATA_DIR_PROBLEM = prepare_data_dir(DATA_DIR) if USES_SQLITE else ""
KEYS = load_keys(production=PRODUCTION, data_dir=DATA_DIR)
SECRET_KEY = KEYS.secret_key
SECRET_KEY_FALLBACKS = list(KEYS.secret_key_fallbacks)
# Newest first: new writes use the first, older ones still decrypt (waylight.web.crypto).
ENCRYPTION_KEYS = KEYS.encryption_keys
# When saving cannot work (no usable keys, a read-only data folder), why; "" when it can.
SAVING_OFF_REASON = KEYS.problem or DATA_DIR_PROBLEM

DEBUG = _flag("WAYLIGHT_DEBUG")
if PRODUCTION and "WAYLIGHT_ALLOWED_HOSTS" not in os.environ:
    raise KeyConfigError(
        "In production set WAYLIGHT_ALLOWED_HOSTS to the host names Waylight answers to, "
        "for example waylight.example.org."
    )
# `testserver` is not here: Django's test set-up adds it for the tests only.
ALLOWED_HOSTS = _list("WAYLIGHT_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
# The Swagger UI at /api/docs; the OpenAPI description itself is always served.
API_DOCS = _flag("WAYLIGHT_API_DOCS", default=not PRODUCTION)
# Behind a reverse proxy, the client's address is the last one the proxy adds.
BEHIND_PROXY = _flag("WAYLIGHT_BEHIND_PROXY")

INSTALLED_APPS = [
    # The admin site is for admins only, behind their second factor (waylight.web.admin).
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    # A second factor (TOTP) for professionals and admins (waylight.web.views.pro).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "waylight.web.apps.WaylightWebConfig",
    # The triage queue: its own app and migrations (docs/batch.md, "Triage queue").
    "waylight.web.triage.apps.TriageConfig",
]

MIDDLEWARE = [
    # Outermost, so every text response is compressed, static files from whitenoise included
    # (docs/web.md "Compression" says why this is safe against BREACH here).
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "waylight.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "waylight.web.middleware.PrivateResponsesMiddleware",
    "waylight.web.middleware.ApiErrorsAsJsonMiddleware",
    "waylight.web.middleware.BodySizeLimitMiddleware",
    "waylight.web.middleware.WriteFailureMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language: the person's choice (cookie), else the browser's (Accept-Language).
    "django.middleware.locale.LocaleMiddleware",
    "waylight.web.i18n_middleware.CoreMessagesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "waylight.web.middleware.CsrfCookieOnPagesMiddleware",
    "waylight.web.ratelimit.RateLimitMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with the second factor in this session.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "waylight.web.urls"
WSGI_APPLICATION = "waylight.web.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "waylight.web.context.site",
            ],
        },
    }
]


# How long a write waits for another one to finish before it gives up with a 503.
DB_BUSY_TIMEOUT_MS = _int("WAYLIGHT_DB_BUSY_TIMEOUT_MS", 5000)


def _databases() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        import dj_database_url

        return {"default": dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / DATABASE_FILE),
            "OPTIONS": {
                # WAL lets readers and one writer work at once; NORMAL sync is still safe
                # against a crashed or killed process in WAL mode. secure_delete overwrites
                # deleted rows and freed pages with zeros (waylight.web.services.erase).
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                    f"PRAGMA busy_timeout={DB_BUSY_TIMEOUT_MS};PRAGMA secure_delete=ON;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
            # Tests use a real file too (not Django's in-memory default), so that what they
            # prove about WAL mode and deleted rows holds for the file a person has.
            "TEST": {"NAME": str(DATA_DIR / "test-waylight.sqlite3")},
        }
    }


DATABASES = _databases()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]


def _languages() -> list[tuple[str, str]]:
    # One list for every shell: content/i18n/languages.yaml, each language in its own name.
    from waylight.core.i18n import languages

    return [(language.code, language.native) for language in languages()]


# The page's words come from gettext catalogs (waylight/locale/<code>/LC_MESSAGES/django.po,
# compiled .mo committed beside them: docs/languages.md); the content from the core's loaders
# in the same language, with English shown (and marked) where a translation is missing.
LANGUAGE_CODE = "en"
LANGUAGES = _languages()
LOCALE_PATHS = [str(WEB_DIR.parent / "locale")]
LANGUAGE_COOKIE_NAME = "waylight_lang"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# No collectstatic step: whitenoise serves straight from the app (WHITENOISE_USE_FINDERS).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600

# Sessions exist only for signed-in accounts, kept in the database so that signing out (or
# changing the password) really ends them; they end with the browser, or after 12 hours.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = 12 * 3600
LOGIN_URL = "/account/login/"
# The name an authenticator app shows beside a professional's or admin's code.
OTP_TOTP_ISSUER = "Waylight"

# Accounts: a user name and a password only. Argon2id first (Django's Argon2 hasher uses the
# argon2id variant); PBKDF2 stays so that a hash made by an older setting can still be checked.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# "Leave quickly" goes here: a neutral site, replacing this page in the history.
LEAVE_URL = os.environ.get("WAYLIGHT_LEAVE_URL", "https://www.bbc.co.uk/weather")
MESSAGE_STORAGE = "django.contrib.messages.storage.cookie.CookieStorage"

# Security: cookies, headers, HTTPS.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
# A process manager or load balancer checks /healthz over plain HTTP on the inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if HTTPS else None
SECURE_CONTENT_TYPE_NOSNIFF = True
# "same-origin", not "no-referrer": with no-referrer browsers send `Origin: null` on form
# posts, which Django's CSRF check rightly refuses. Other sites still get no referrer.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "waylight.web.views.errors.csrf_failure"
CSRF_TRUSTED_ORIGINS = _list("WAYLIGHT_CSRF_TRUSTED_ORIGINS", "")

# Input limits (docs/web.md "Limits"): a bigger body gets 413 before it is read.
DATA_UPLOAD_MAX_MEMORY_SIZE = 256 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

# Rate limits, per client address and per group: "count/period" with period s, m or h.
# Shared by every worker through the database (waylight.web.ratelimit).
RATE_LIMITS = {
    "write": os.environ.get("WAYLIGHT_RATE_WRITE", "30/m"),
    "api": os.environ.get("WAYLIGHT_RATE_API", "120/m"),
    "pdf": os.environ.get("WAYLIGHT_RATE_PDF", "20/m"),
    # Sign-in attempts per address (failed ones are also counted per name: waylight.web.limits).
    "login": os.environ.get("WAYLIGHT_RATE_LOGIN", "30/15m"),
    # A reviewer's decisions in the triage queue, per address.
    "review": os.environ.get("WAYLIGHT_RATE_REVIEW", "120/m"),
    # Calls to /api/queue/ per API key (a key may set its own); bad keys count as "api".
    "queue": os.environ.get("WAYLIGHT_RATE_QUEUE", "300/m"),
}
RATE_LIMITS_ON = _flag("WAYLIGHT_RATE_LIMITS", default=True)

# At most this many PDFs are drawn at once per server (each worker process counts), so that
# help now always finds a free worker (waylight.web.pdfgate).
PDF_SLOTS = _int("WAYLIGHT_PDF_SLOTS", 1)

# The triage queue (docs/batch.md, "Triage queue"): which detector reads posts ("batch": every
# layer but the second reader, as `waylight scan`; "full": every layer), how long texts and
# records are kept, and whether this process sends webhooks in a background thread.
QUEUE_DETECTOR = os.environ.get("WAYLIGHT_QUEUE_DETECTOR", "batch").strip().lower() or "batch"
if QUEUE_DETECTOR not in {"batch", "full"}:
    raise KeyConfigError(
        f"WAYLIGHT_QUEUE_DETECTOR must be 'batch' or 'full', not {QUEUE_DETECTOR!r}."
    )
QUEUE_TEXT_DAYS = _int("WAYLIGHT_QUEUE_TEXT_DAYS", 30)
QUEUE_TRAINING_DAYS = _int("WAYLIGHT_QUEUE_TRAINING_DAYS", 365)
QUEUE_RECORD_DAYS = _int("WAYLIGHT_QUEUE_RECORD_DAYS", 365)
QUEUE_WEBHOOKS = _flag("WAYLIGHT_QUEUE_WEBHOOKS", default=True)

# Every library's log goes through one handler that never writes personal text
# (waylight.web.logs): no request bodies, no answers, no plan text, no query strings.
LOGGING: dict[str, Any] = logging_config(DEBUG)
