import pytest
from django.db import connections

from knowledge_portal.core import catalog_overlay

from . import factories


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Snapshot the seeded site for the transactional tests' serialized
    rollback (backup, workers): pytest-django took it before content/ was
    loaded. After other transactional tests the database is empty, and their
    snapshot of the seeded site is kept (as tests/core/test_backup.py)."""
    from knowledge_portal.site.models import HomePage

    with django_db_blocker.unblock():
        if HomePage.objects.exists():
            for each in connections.all():
                each._test_serialized_contents = each.creation.serialize_db_to_string()


@pytest.fixture(autouse=True)
def no_strings_left_behind():
    """The strings a process holds outlive a test's rolled-back rows: start
    and end every test with the catalogs of the files alone."""
    catalog_overlay.reset()
    yield
    catalog_overlay.reset()


@pytest.fixture
def kallari(db):
    return factories.community("Kallari Prueba")


@pytest.fixture
def wasak(db):
    return factories.community("Wasak Prueba")


@pytest.fixture
def rosa(kallari):
    return factories.reviewer("rosa", "qu", kallari, first_name="Rosa")


@pytest.fixture
def ana(kallari):
    return factories.reviewer("ana", "qu", kallari, first_name="Ana")


@pytest.fixture
def killa(kallari, wasak):
    return factories.reviewer("killa", "qu", kallari, wasak, first_name="Killa")


@pytest.fixture
def nantu(wasak):
    """A Shuar reviewer."""
    return factories.reviewer("nantu", "jiv", wasak, first_name="Nantu")


@pytest.fixture
def outsider(db):
    return factories.person("yaku", first_name="Yaku")
