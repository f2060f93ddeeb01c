"""Settings of the gunicorn workers of tests/interface/test_workers.py: the
test settings (DATABASE_URL names the test database), with the page cache on
in files every worker shares, as in production."""

import os

from knowledge_portal.settings.test import *  # noqa: F403

PAGE_CACHE_SECONDS = 600
CACHES["pages"] = {  # noqa: F405
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": os.environ["PAGE_CACHE_DIR"],
}
