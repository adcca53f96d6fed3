"""Django settings for Waylight, read from the environment (WAYLIGHT_* variables).

Safe by default: DEBUG off, secure headers on, SQLite in the user's data folder with WAL, and
secrets generated on first start rather than shipped. See docs/web.md for every variable.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from waylight.web.datadir import data_dir, make_fernet_key, make_secret_key, persistent_secret


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _list(name: str, default: str) -> list[str]:
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


WEB_DIR = Path(__file__).resolve().parent
DATA_DIR = data_dir()

SECRET_KEY = persistent_secret("WAYLIGHT_SECRET_KEY", "secret.key", make_secret_key)
ENCRYPTION_KEY = persistent_secret("WAYLIGHT_ENCRYPTION_KEY", "encryption.key", make_fernet_key)
DEBUG = _flag("WAYLIGHT_DEBUG")
HTTPS = _flag("WAYLIGHT_HTTPS")
ALLOWED_HOSTS = _list("WAYLIGHT_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "waylight.web.apps.WaylightWebConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "waylight.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
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
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "waylight.web.context.site",
            ],
        },
    }
]


def _databases() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        import dj_database_url

        return {"default": dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)}
    return {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "waylight.sqlite3"),
            "OPTIONS": {
                # WAL lets readers and one writer work at once; NORMAL sync is still safe
                # against a crashed or killed process in WAL mode.
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=5000;"
                    "PRAGMA secure_delete=ON;"
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

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
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
SECURE_SSL_REDIRECT = HTTPS
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

DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024  # a safety plan is small; refuse huge bodies

LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    # Never log request bodies: they hold answers and plans.
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING"}},
}
