"""Helpers shared by the Whoosh backend tests."""

import shutil
import tempfile

from django.conf import settings
from django.test import TestCase
from modelsearch.index import get_indexed_models
from modelsearch.test.testapp import models

from knowledge_portal.search.backends.whoosh import WhooshSearchBackend


def rebuild(backend):
    """Rebuild the whole index the way ``rebuild_modelsearch_index`` does."""
    index = backend.get_index_for_model(models.Book)
    rebuilder = backend.rebuilder_class(index)
    new_index = rebuilder.start()
    for model in get_indexed_models():
        new_index.add_items(model, list(model.get_indexed_objects()))
    rebuilder.finish()


class WhooshTestCase(TestCase):
    """A backend with its own index directory, rebuilt from the fixture."""

    fixtures = ["search"]
    options = {}
    build_index = True

    def setUp(self):
        self.path = tempfile.mkdtemp(prefix="whoosh-test-")
        self.addCleanup(shutil.rmtree, self.path, True)
        self.backend = self.make_backend(**self.options)
        if self.build_index:
            rebuild(self.backend)

    def make_backend(self, **options):
        params = {"PATH": self.path, "ANALYSIS": settings.SITE_ANALYSIS, **options}
        return WhooshSearchBackend(params)

    def add_book(self, title, summary="", backend=None, pages=100):
        book = models.Book.objects.create(
            title=title,
            summary=summary,
            number_of_pages=pages,
            publication_date="2020-01-01",
        )
        (backend or self.backend).add(book)
        return book

    def titles(self, results):
        return {result.title for result in results}
