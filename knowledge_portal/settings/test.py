"""Fast, faithful test settings: real database and real Whoosh index.

The index lives in a temporary directory per test run; tests that need their
own index override WAGTAILSEARCH_BACKENDS.
"""

import os
import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Rate limits count in the database table, as in production; the test
# database gets it from Django's createcachetable, and each test's rollback
# clears it.
CACHES["ratelimit"] = RATELIMIT_DATABASE_CACHE  # noqa: F405
# The page cache is off, so tests that change the database directly and
# tests that count a page's queries see the page rendered; the tests of the
# cache turn it on (tests/core/test_page_cache.py).
CACHES["pages"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "pages",
}
PAGE_CACHE_SECONDS = 0
# Off for the same reason: tests that change rows without saving them would
# see what was built before; tests/pages turns it on.
CACHES["shared"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "shared",
}
SHARED_CACHE_SECONDS = 0
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, as in production, not Django's in-memory database: WAL, the busy
    # timeout and several connections at once then work as they do on a
    # server (tests/faults), and a subprocess can open it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": os.path.join(tempfile.mkdtemp(prefix="chakra-test-db-"), "test.sqlite3")
    }
MEDIA_ROOT = tempfile.mkdtemp(prefix="chakra-test-media-")
STATIC_ROOT = tempfile.mkdtemp(prefix="chakra-test-static-")
if WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith(".whoosh"):  # noqa: F405
    WAGTAILSEARCH_BACKENDS["default"]["PATH"] = tempfile.mkdtemp(  # noqa: F405
        prefix="chakra-test-index-"
    )
# Page reads are added to the database only when a test asks (the queue), so
# no request of a test that counts queries writes them (workbench/reads.py).
WORKBENCH_READS_FLUSH_SECONDS = 0
