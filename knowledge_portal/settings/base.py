"""Settings shared by every environment.

Infrastructure comes from environment variables (documented in README.md);
everything else is fixed here. ``dev``, ``test`` and ``production`` adjust it.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from knowledge_portal.core import languages, uploads
from knowledge_portal.core.secret_key import load_or_create_secret_key

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "data"))

DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or load_or_create_secret_key(
    DATA_DIR / "secret_key"
)

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "knowledge_portal.site",
    "knowledge_portal.interface",
    "knowledge_portal.protocols",
    "knowledge_portal.plants",
    "knowledge_portal.guides",
    "knowledge_portal.learning",
    "knowledge_portal.contributions",
    "knowledge_portal.communities",
    "knowledge_portal.search",
    "knowledge_portal.workbench",
    "knowledge_portal.packs",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.redirects",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "csp",
    "django_ratelimit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache: pages are stored plain and compressed per request.
    "knowledge_portal.core.middleware.TextGZipMiddleware",
    "knowledge_portal.core.security.ContentSecurityPolicyMiddleware",
    # Before everything that reads Accept-Language.
    "knowledge_portal.core.middleware.LanguageAliasMiddleware",
    # Outside the page cache, so cached pages set the language cookie too.
    "knowledge_portal.core.middleware.RememberLanguageMiddleware",
    # Outside the page cache, so pages served from it are counted too
    # (workbench/reads.py).
    "knowledge_portal.workbench.reads.CountReadsMiddleware",
    # Outside the session, CSRF and message middleware, so a response that
    # sets their cookies is never stored (site/page_cache.py).
    "knowledge_portal.site.page_cache.PageCacheMiddleware",
    # Inside the page cache: only requests that render check whether the
    # interface strings written in the portal changed (interface/overlay.py).
    "knowledge_portal.interface.overlay.InterfaceStringsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Inside LocaleMiddleware: finds a page by its URL from the shared cache
    # instead of walking the tree (site/routing.py).
    "knowledge_portal.site.routing.RouteCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Inside the page cache: the stored copy of a page keeps its mark.
    "knowledge_portal.workbench.reads.MarkReadMiddleware",
]

ROOT_URLCONF = "knowledge_portal.urls"

TEMPLATES = [
    {
        "BACKEND": "knowledge_portal.core.templates.MarkingDjangoTemplates",
        # Spanish fallbacks on Kichwa and Shuar pages say lang="es".
        "NAME": "django",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["knowledge_portal.core.fallback_filters"],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "knowledge_portal.site.context_processors.site_languages",
            ],
        },
    },
]

WSGI_APPLICATION = "knowledge_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}", conn_max_age=600
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one process writes; the busy timeout makes a
    # second writer wait for the lock instead of failing at once.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Names sign in whatever their case (phone keyboards capitalise them).
AUTHENTICATION_BACKENDS = [
    "knowledge_portal.core.auth_backends.CaseInsensitiveModelBackend"
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "after_login"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# scrypt first: memory-hard, and half to two thirds the CPU a check of PBKDF2's
# 1,000,000 iterations, which let a class signing in stall the site (issue 16;
# docs/decisions.md). Django's own parameters (N 2^14, r 8, p 5: OWASP's 16 MiB
# line). The others verify older hashes, which Django re-hashes with the first
# at the next sign-in. To change the hasher, change the first line.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.ScryptPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
]
# Password checks that run at once in one server process (core.auth_backends):
# a sign-in beyond them waits its turn, so a class signing in never takes every
# thread's CPU (nor 16 MiB per check of memory) from the people reading.
PASSWORD_CHECKS_AT_ONCE = 1

# Internationalisation. Kichwa and Shuar are registered in core.languages.
languages.register_languages()
LANGUAGE_CODE = languages.DEFAULT_LANGUAGE
LANGUAGES = languages.LANGUAGES
# Our catalogs, then Spanish for the few strings of Wagtail's admin that
# Wagtail's own catalog lacks (locale_wagtail/, which makemessages leaves alone).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_wagtail"]
LANGUAGE_COOKIE_NAME = "django_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
TIME_ZONE = "America/Guayaquil"
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Wagtail's admin has no Kichwa or Shuar catalog; Django falls back to the
# LANGUAGE_CODE catalog (Spanish) for strings a language lacks.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    # Object storage for media (S3 or any S3-compatible store such as MinIO);
    # django-storages reads the AWS_* variables itself.
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}

TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

CONTENT_DIR = Path(os.environ.get("CONTENT_DIR", BASE_DIR / "content"))
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", DATA_DIR / "backups"))

WAGTAIL_SITE_NAME = "Chakra Portal"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Uploads: what is accepted is decided in core/uploads.py; Wagtail's own
# checks are derived from it and its admin forms call it (core/upload_forms.py).
WAGTAILDOCS_EXTENSIONS = uploads.DOCUMENT_EXTENSIONS
WAGTAILDOCS_MAX_UPLOAD_SIZE = uploads.MAX_DOCUMENT_BYTES
WAGTAILDOCS_DOCUMENT_FORM_BASE = (
    "knowledge_portal.core.upload_forms.CheckedDocumentForm"
)
WAGTAILIMAGES_EXTENSIONS = uploads.IMAGE_EXTENSIONS
WAGTAILIMAGES_MAX_UPLOAD_SIZE = uploads.MAX_IMAGE_BYTES
WAGTAILIMAGES_MAX_IMAGE_PIXELS = uploads.MAX_IMAGE_PIXELS
# Photos reach phones on slow, metered connections: at 75 a 480 px wide photo
# is about 20-30 KB of WebP (80, Wagtail's default, adds a third).
WAGTAILIMAGES_WEBP_QUALITY = 75
WAGTAILIMAGES_IMAGE_FORM_BASE = "knowledge_portal.core.upload_forms.CheckedImageForm"
# Form fields other than files may total 2.5 MB (ample for the page editor);
# an uploaded file over 2.5 MB is spooled to a temporary file rather than held
# in memory, so a class uploading photos at once cannot exhaust a small
# server's memory. Files themselves are limited in uploads.py.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# A contribution sends at most 3 photos and a recording; the admin one file.
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# No requests to the Internet from the admin (and its Content-Security-Policy
# would refuse them): no avatars from gravatar.com...
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor does the admin ask releases.wagtail.org for new versions.
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILAPI_SEARCH_ENABLED = True
WAGTAILAPI_LIMIT_MAX = 100
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000


def search_backends():
    """Build WAGTAILSEARCH_BACKENDS from SEARCH_BACKEND and SEARCH_URL."""
    name = os.environ.get("SEARCH_BACKEND", "whoosh")
    if name == "whoosh":
        return {
            "default": {
                "BACKEND": "knowledge_portal.search.backends.whoosh",
                "PATH": os.environ.get("SEARCH_INDEX_DIR", DATA_DIR / "whoosh_index"),
                # Spanish, Kichwa and Shuar forms of every word (docs/search.md).
                "ANALYSIS": "knowledge_portal.search.analysis.MultilingualAnalysis",
                # Every door (search page, API, admin) reads a query so.
                "QUERY_LANGUAGE": languages.QUERY_LANGUAGES,
                # Processes a full rebuild analyses and writes in (docs/search.md).
                "REBUILD_PROCS": int(os.environ.get("SEARCH_REBUILD_PROCS", "1")),
            }
        }
    if name == "database":
        return {
            "default": {
                "BACKEND": "wagtail.search.backends.database",
                # On PostgreSQL: words as written, no English stemming; the
                # portal gives the Spanish, Kichwa and Shuar forms itself
                # (search/portable.py).
                "SEARCH_CONFIG": "simple",
            }
        }
    if name in {"opensearch", "elasticsearch"}:
        url = os.environ.get("SEARCH_URL")
        if not url:
            raise ImproperlyConfigured(f"SEARCH_BACKEND={name} needs SEARCH_URL.")
        module = {
            "opensearch": "modelsearch.backends.opensearch3",
            "elasticsearch": "modelsearch.backends.elasticsearch9",
        }[name]
        return {
            "default": {
                "BACKEND": os.environ.get("SEARCH_BACKEND_MODULE", module),
                "URLS": [url],
                "INDEX_PREFIX": os.environ.get("SEARCH_INDEX_PREFIX", "chakra_"),
            }
        }
    raise ImproperlyConfigured(
        f"Unknown SEARCH_BACKEND {name!r}: use whoosh, database, opensearch or "
        "elasticsearch."
    )


WAGTAILSEARCH_BACKENDS = search_backends()

# Security headers, on every response in every environment (so tests see
# them). HTTPS-only settings are in production.py.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True


def media_origins():
    """Where browsers fetch media from when it lives in object storage
    (django-storages' S3 settings), for the Content-Security-Policy."""
    protocol = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
    custom_domain = os.environ.get("AWS_S3_CUSTOM_DOMAIN")
    if custom_domain:
        return [f"{protocol}//{custom_domain}"]
    bucket = os.environ.get("AWS_STORAGE_BUCKET_NAME")
    if not bucket:
        return []
    endpoint = os.environ.get("AWS_S3_ENDPOINT_URL")
    if endpoint:
        # Path-style (endpoint/bucket/...) or virtual-hosted (bucket.endpoint).
        parts = urlsplit(endpoint)
        return [
            f"{parts.scheme}://{parts.netloc}",
            f"{parts.scheme}://{bucket}.{parts.netloc}",
        ]
    region = os.environ.get("AWS_S3_REGION_NAME")
    origins = [f"{protocol}//{bucket}.s3.amazonaws.com"]
    if region:
        origins.append(f"{protocol}//{bucket}.s3.{region}.amazonaws.com")
    return origins


# Content-Security-Policy (django-csp): the public pages load nothing but our
# own files, so they need no inline script or style at all.
_PUBLIC_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:", *media_origins()],
    "media-src": [SELF, *media_origins()],
    "font-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [NONE],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _PUBLIC_POLICY}
# Wagtail's admin (under /admin/) still writes inline scripts (explorer,
# inline panels, date pickers), previews uploads from blob: URLs and frames
# its own page previews; core.security gives it this policy. Its styles need
# no exception (checked in Chromium: tests/core/test_admin_csp.py).
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        **_PUBLIC_POLICY,
        "script-src": [SELF, UNSAFE_INLINE],
        "img-src": [*_PUBLIC_POLICY["img-src"], "blob:"],
        "frame-ancestors": [SELF],
    }
}


def cache_from_url(variable, default):
    """A cache setting from the environment variable ``variable``.

    Unset: ``default``, which needs no service to run. A redis:// (rediss://,
    unix://) or memcached:// URL moves it to that server.
    """
    url = os.environ.get(variable)
    if not url:
        return default
    scheme = urlsplit(url).scheme
    if scheme in {"redis", "rediss", "unix"}:
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
        }
    if scheme == "memcached":
        return {
            "BACKEND": "django.core.cache.backends.memcached.PyMemcacheCache",
            "LOCATION": urlsplit(url).netloc,
        }
    raise ImproperlyConfigured(
        f"Unknown {variable} scheme {scheme!r}: use redis://, rediss:// or "
        "memcached://, or leave it unset."
    )


# What django-ratelimit counts attempts in (see docs/decisions.md): a table in
# the database, shared by every gunicorn worker and every server using it.
RATELIMIT_DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "ratelimit_cache",
    # Longer than the longest limit's window (an hour): the database cache's
    # incr() resets an entry's expiry to this timeout.
    "TIMEOUT": 2 * 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 50_000},
}

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "ratelimit": cache_from_url("RATELIMIT_CACHE_URL", RATELIMIT_DATABASE_CACHE),
    # The pages anonymous visitors get (site/page_cache.py): files shared by
    # every gunicorn worker. It is cleared whole on every change, so a Redis
    # or memcached for it must be its own.
    "pages": cache_from_url(
        "PAGE_CACHE_URL",
        {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache" / "pages"),
            # Three languages of every page, with room for listings' filters
            # and searches; beyond it a third of the entries are dropped.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    ),
    # What is the same for everyone who may see it, built once and reused
    # by signed-in visitors too (core/shared_cache.py): page fragments keyed
    # by what the viewer's protocols allow, routes, hidden page ids. Files
    # shared by every gunicorn worker; keys carry a generation that every
    # change replaces, so it needs no emptying and may share a Redis.
    "shared": cache_from_url(
        "SHARED_CACHE_URL",
        {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(DATA_DIR / "cache" / "shared"),
            "OPTIONS": {"MAX_ENTRIES": 20000},
        },
    ),
}
RATELIMIT_USE_CACHE = "ratelimit"
# Behind a reverse proxy every request comes from the proxy's address: name the
# header that carries the visitor's (e.g. HTTP_X_REAL_IP) so limits per address
# count visitors, not the proxy.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None

# The longest a stored page is served (every change clears them all);
# 0 turns the page cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 600))

# The longest a shared fragment, route or set of hidden pages is kept (every
# change makes new keys, so this only bounds the space they take); 0 turns
# the shared cache off.
SHARED_CACHE_SECONDS = int(os.environ.get("SHARED_CACHE_SECONDS", 3600))

# How often each server process adds the page reads it counted in memory to
# the database (the translation workbench's order of work); 0: only when a
# reviewer opens her list.
WORKBENCH_READS_FLUSH_SECONDS = int(
    os.environ.get("WORKBENCH_READS_FLUSH_SECONDS", 300)
)

SILENCED_SYSTEM_CHECKS = []
if CACHES["ratelimit"]["BACKEND"].endswith((".DatabaseCache", ".RedisCache")):
    # django-ratelimit knows only django-redis and memcached (W001). Django's
    # own RedisCache increments atomically (Redis INCR). The database cache is
    # shared by every process and server (what the limits need) but increments
    # by read-then-write (E003), so requests at the same instant may count
    # once. Bursts timed to collide stretch a limit by at most the number of
    # requests served at once (gunicorn workers x threads, 12 under `make
    # run`): still far too slow for guessing. A redis:// URL counts exactly.
    SILENCED_SYSTEM_CHECKS += ["django_ratelimit.W001"]
    if CACHES["ratelimit"]["BACKEND"].endswith(".DatabaseCache"):
        SILENCED_SYSTEM_CHECKS += ["django_ratelimit.E003"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        # The immediate task backend logs every task it runs at INFO (two lines
        # per page indexed); a failed task is still logged, at ERROR.
        "django_tasks": {"level": "WARNING"},
    },
}
