"""Fixtures for the fault tests: the seeded snapshot, the test database's URL."""

import shutil
from pathlib import Path
from urllib.parse import quote

import pytest
from bs4 import BeautifulSoup
from django.db import connection, connections

SEARCH = "/es/search/"
QUERY = {"q": "cacao"}
CACAO = "/es/plantas/theobroma-cacao/"


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


def result_urls(response):
    document = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in document.select(".result-title a")]


@pytest.fixture
def index_path(settings):
    return Path(settings.WAGTAILSEARCH_BACKENDS["default"]["PATH"])


@pytest.fixture
def healthy_results(client, settings, index_path, tmp_path):
    """What the search answers on an untouched copy of the same index.

    A copy at another path has its own searchers, so searching it leaves
    nothing open on the index the test then breaks.
    """
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    healthy = tmp_path / "healthy-index"
    shutil.copytree(index_path, healthy)
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**backend, "PATH": str(healthy)}}
    response = client.get(SEARCH, QUERY)
    settings.WAGTAILSEARCH_BACKENDS = {"default": backend}
    assert response.status_code == 200
    urls = result_urls(response)
    assert CACAO in urls
    return urls
