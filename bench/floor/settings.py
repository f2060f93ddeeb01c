"""Settings of the floor project: the minimum Wagtail needs to serve a page.

bench/pages.py sets DATA_DIR (where the SQLite database lives) and
DJANGO_ALLOWED_HOSTS; the portal's production settings choose the same
(DEBUG off, SQLite in WAL mode, the same cached template loaders).
"""

import os
from pathlib import Path

DATA_DIR = Path(os.environ["DATA_DIR"])

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "floor-benchmark-only")
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1").split(",")

INSTALLED_APPS = [
    "floor.bare",
    "wagtail.sites",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
]

# No middleware: the floor is what every page pays, whatever the site adds.
MIDDLEWARE = []

ROOT_URLCONF = "floor.urls"
WSGI_APPLICATION = "floor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": []},
    },
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "floor.sqlite3",
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Wagtail's blocks import its static-file helpers even when nothing is served.
STATIC_URL = "/static/"

USE_I18N = False
USE_TZ = True
TIME_ZONE = "UTC"

WAGTAIL_SITE_NAME = "Floor"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1"
# No search index: the floor never searches, and update_index is not its cost.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
