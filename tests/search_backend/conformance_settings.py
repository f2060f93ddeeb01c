"""Settings for the Whoosh backend tests (modelsearch conformance suite).

Runs in its own pytest process (see ``pytest.ini`` beside this file): it
installs ``modelsearch`` and its test app, never ``wagtail.search``.
The suite loads fixture ``"search"``: ``fixtures/search.json`` beside this
file (its README says where it comes from).
"""

import atexit
import shutil
import tempfile
from pathlib import Path

import dj_database_url

FIXTURE_DIR = Path(__file__).resolve().parent / "fixtures"

_TMP = Path(tempfile.mkdtemp(prefix="whoosh-conformance-"))
atexit.register(shutil.rmtree, _TMP, True)

SECRET_KEY = "whoosh-backend-tests-only"
DEBUG = False
ALLOWED_HOSTS = ["testserver"]
USE_TZ = True
TIME_ZONE = "UTC"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

INSTALLED_APPS = [
    "modelsearch.test.testapp",
    "modelsearch",
    "taggit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
]

# DATABASE_URL (as `make test-postgres` sets it) picks another database.
DATABASES = {
    "default": dj_database_url.config(default=f"sqlite:///{_TMP / 'test.sqlite3'}")
}

FIXTURE_DIRS = [str(FIXTURE_DIR)]

WHOOSH_PATH = _TMP / "index"
#: The site's analysis; tests of the backend alone leave ANALYSIS out.
SITE_ANALYSIS = "knowledge_portal.search.analysis.MultilingualAnalysis"

MODELSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "knowledge_portal.search.backends.whoosh",
        "PATH": str(WHOOSH_PATH),
        "ANALYSIS": SITE_ANALYSIS,
    }
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
