"""Fixtures for the fault tests: the seeded snapshot, the test database's URL."""

from urllib.parse import quote

import pytest
from django.db import connection, connections


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Snapshot the seeded site for serialized rollback.

    Tests with several connections must commit, so they are transactional and
    Django empties the database after each; pytest-django serialized it before
    content/ was loaded, so take the snapshot again now.
    """
    with django_db_blocker.unblock():
        for each in connections.all():
            each._test_serialized_contents = each.creation.serialize_db_to_string()


@pytest.fixture
def database_url(django_db_setup):
    """DATABASE_URL of the test database, for a subprocess to open."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    if connection.vendor == "postgresql":
        user = quote(settings["USER"], safe="")
        password = quote(settings["PASSWORD"], safe="")
        host = settings["HOST"] or "localhost"
        port = settings["PORT"] or 5432
        return f"postgres://{user}:{password}@{host}:{port}/{settings['NAME']}"
    pytest.skip(f"no URL for a {connection.vendor} test database")
