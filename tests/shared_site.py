"""A site built once for the tests of a module, each starting from it.

Building a site (loading entries, publishing revisions, indexing) takes
seconds; the tests that only read it, or change it and roll back, need not
build it again. A module-scoped fixture builds it inside a transaction that
stays open around the module's tests: pytest-django's transaction for each
test is then a savepoint in it, so every test starts from the built site and
leaves it as it found it. At the end of the module the transaction is rolled
back and the database is the seeded site again.

The search index is shared the same way: the module's site is indexed into a
copy of the session's index, and each test searches a copy of that
(``private_search_index`` in tests/conftest.py copies whatever index the
settings name).

Transactional tests (``transaction=True``) empty the database, so they must
not use a shared site; pytest-django runs them after all the others anyway.
"""

import contextlib
import shutil

from django.conf import settings
from django.core.cache import caches
from django.db import models, transaction
from django.test.utils import override_settings


@contextlib.contextmanager
def built_once(django_db_blocker, directory, build):
    """Open the module's transaction and search index (in ``directory``), and
    build the site in them with ``build()``; yield what it returns. On exit
    roll both back."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    if backend["BACKEND"].endswith(".whoosh"):
        shutil.copytree(backend["PATH"], directory / "index")
        backend = {**backend, "PATH": str(directory / "index")}
    with contextlib.ExitStack() as stack:
        stack.enter_context(
            override_settings(WAGTAILSEARCH_BACKENDS={"default": backend})
        )
        stack.callback(clear_caches)
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
        stack.callback(roll_back, django_db_blocker, outer)
        with django_db_blocker.unblock(), search_backend_unchanged_by_saves():
            site = build()
        yield site


def roll_back(django_db_blocker, outer):
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


def clear_caches():
    """Cached pages, sites and renditions may name what was rolled back (a
    cache in the database rolled back with it)."""
    for alias, options in settings.CACHES.items():
        if not options["BACKEND"].endswith("DatabaseCache"):
            caches[alias].clear()


@contextlib.contextmanager
def search_backend_unchanged_by_saves():
    """Build without updating the index on every save (a quarter of a second
    each in Whoosh); index the finished site once instead."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]
    with override_settings(
        WAGTAILSEARCH_BACKENDS={"default": {**backend, "AUTO_UPDATE": False}}
    ):
        yield


def fresh(value):
    """``value`` with each model instance in it read again from the database,
    so that no test sees another's changes to the objects in memory."""
    if isinstance(value, models.Model):
        return type(value)._default_manager.get(pk=value.pk)
    if isinstance(value, dict):
        return {key: fresh(item) for key, item in value.items()}
    if isinstance(value, list):
        return [fresh(item) for item in value]
    return value
