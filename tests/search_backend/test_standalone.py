"""The Whoosh backend stands alone: it imports nothing of the portal, and
without an ``ANALYSIS`` option it folds case and accents, nothing more."""

import ast
from pathlib import Path

from modelsearch.query import Fuzzy
from modelsearch.test.testapp import models

from knowledge_portal.search.analysis import MultilingualAnalysis
from knowledge_portal.search.backends import whoosh
from knowledge_portal.search.backends.whoosh.analysis import Analysis

from .support import WhooshTestCase

PACKAGE = Path(whoosh.__file__).parent


def imported_modules(path):
    """``(module, level)`` of every import in a file, functions included."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from ((alias.name, 0) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            yield node.module or "", node.level


def test_the_package_imports_nothing_of_the_portal():
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) > 5
    outside = [
        (path.name, module, level)
        for path in files
        for module, level in imported_modules(path)
        # level 1 is this package; level 2 and up climb into the portal.
        if module.split(".")[0] == "knowledge_portal" or level > 1
    ]
    assert outside == []


class DefaultAnalysisTests(WhooshTestCase):
    """No ``ANALYSIS``: lower case and accent folding, no language variants."""

    options = {"ANALYSIS": None, "LANGUAGE": "qu"}

    def test_the_default_analysis_is_used(self):
        self.assertIs(type(self.backend.analysis), Analysis)

    def test_case_and_accents_are_folded(self):
        book = self.add_book("Canción del Árbol")
        for query in ("cancion arbol", "CANCIÓN", "árbol"):
            with self.subTest(query=query):
                self.assertEqual(list(self.backend.search(query, models.Book)), [book])

    def test_no_language_variants(self):
        self.add_book("Wayusa kawsay")
        # The site's analysis finds it by its Spanish spelling; this one not.
        self.assertFalse(self.backend.search("guayusa", models.Book))

    def test_autocomplete_typos_and_suggestions_work(self):
        book = self.add_book("Canción del árbol")
        self.assertIn(book, list(self.backend.autocomplete("CANC", models.Book)))
        self.assertIn(book, list(self.backend.search(Fuzzy("canciom"), models.Book)))
        self.assertEqual(self.backend.suggest("canciom", models.Book), "cancion")


class AnalysisOptionTests(WhooshTestCase):
    options = {"LANGUAGE": "qu"}
    build_index = False

    def test_a_dotted_path_a_class_or_an_instance(self):
        path = "knowledge_portal.search.analysis.MultilingualAnalysis"
        for option in (path, MultilingualAnalysis, MultilingualAnalysis()):
            with self.subTest(option=option):
                backend = self.make_backend(ANALYSIS=option)
                self.assertIsInstance(backend.analysis, MultilingualAnalysis)

    def test_the_site_analysis_folds_spelling_variants(self):
        self.backend.store.ensure_index()
        book = self.add_book("Wasi kawsay")
        self.assertEqual(list(self.backend.search("huasi", models.Book)), [book])
