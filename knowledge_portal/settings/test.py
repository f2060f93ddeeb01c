"""Fast, faithful test settings: real database and real Whoosh index.

The index lives in a temporary directory per test run; tests that need their
own index override WAGTAILSEARCH_BACKENDS.
"""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="chakra-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="chakra-test-static-")
if WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith(".whoosh"):  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["PATH"] = tempfile.mkdtemp(  # noqa: F405
        prefix="chakra-test-index-"
    )
