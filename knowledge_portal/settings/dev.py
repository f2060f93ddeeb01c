"""Local development: runserver, debug on, e-mails printed."""

import os

from .base import *  # noqa: F403

DEBUG = True
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# A template edited under runserver shows at once; PAGE_CACHE_SECONDS=600 tries
# the page cache.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", 0))
# The same for the shared fragments (SHARED_CACHE_SECONDS=3600 tries them).
SHARED_CACHE_SECONDS = int(os.environ.get("SHARED_CACHE_SECONDS", 0))
