"""Shared fixtures: the real content/ loaded once per test session.

Tests run inside transactions that are rolled back, so each starts from the
seeded site; tests that need other content write their own content folder.
"""

import shutil

import pytest
from django.conf import settings
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_content", settings.CONTENT_DIR, verbosity=0)
        call_command("update_index", verbosity=0)


@pytest.fixture
def seeded(db):
    """The site as `make run` leaves it (content/ loaded)."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def private_search_index(settings, tmp_path_factory):
    """Each test searches a copy of the session's index.

    Database changes roll back after a test; changes to a Whoosh index do not,
    so a test that adds or deletes pages must not touch the shared index.
    """
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    if not backend["BACKEND"].endswith(".whoosh"):
        return
    copy = tmp_path_factory.mktemp("index") / "whoosh"
    shutil.copytree(backend["PATH"], copy)
    settings.WAGTAILSEARCH_BACKENDS = {"default": {**backend, "PATH": str(copy)}}


@pytest.fixture
def saves_leave_the_index_alone():
    """Saving or deleting a page does not update the search index.

    For tests that reload the whole site and look at pages and files, not at
    search: Whoosh commits each update on its own (a quarter of a second),
    and its errors are caught and logged anyway, so updating could not fail
    such a test.
    """
    from tests.shared_site import search_backend_unchanged_by_saves

    with search_backend_unchanged_by_saves():
        yield
