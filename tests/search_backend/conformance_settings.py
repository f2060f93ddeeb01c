"""Settings for the Whoosh backend tests (modelsearch conformance suite).

Runs in its own pytest process (see ``pytest.ini`` beside this file): it
installs ``modelsearch`` and its test app, never ``wagtail.search``.
The conformance fixture lives outside the repository, in
``../shared/conformance/`` relative to the repository root; it is copied to a
temporary directory as ``search.json`` because the suite loads fixture
``"search"``.
"""

import atexit
import shutil
import tempfile
from pathlib import Path

import dj_database_url

REPO_ROOT = Path(__file__).resolve().parents[2]
CONFORMANCE_DIR = REPO_ROOT / ".." / "shared" / "conformance"
FIXTURE_SOURCE = CONFORMANCE_DIR / "modelsearch-search.json"

_TMP = Path(tempfile.mkdtemp(prefix="whoosh-conformance-"))
atexit.register(shutil.rmtree, _TMP, True)
FIXTURE_DIR = _TMP / "fixtures"
FIXTURE_DIR.mkdir()
if FIXTURE_SOURCE.exists():
    shutil.copyfile(FIXTURE_SOURCE, FIXTURE_DIR / "search.json")

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

MODELSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "knowledge_portal.search.backends.whoosh",
        "PATH": str(WHOOSH_PATH),
    }
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
