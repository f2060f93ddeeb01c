"""django-modelsearch's generic backend suite, run against the Whoosh backend."""

from django.test import TestCase
from modelsearch.tests.test_backends import BackendTests


class TestWhooshBackend(BackendTests, TestCase):
    backend_path = "knowledge_portal.search.backends.whoosh"
