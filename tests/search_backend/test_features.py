"""Backend features beyond the conformance suite: languages, typos, suggestions."""

from datetime import date

from modelsearch.query import Fuzzy, Phrase, PlainText
from modelsearch.test.testapp import models

from knowledge_portal.search.backends.whoosh import documents
from knowledge_portal.search.backends.whoosh import results as results_module

from .support import WhooshTestCase, rebuild


class LanguageSearchTests(WhooshTestCase):
    """Documents indexed as Kichwa (``LANGUAGE: "qu"``)."""

    options = {"LANGUAGE": "qu"}

    def test_spelling_variants_find_unified_orthography(self):
        for query, title in [
            ("guayusa", "Wayusa"),
            ("chacra", "Chakra"),
            ("huasi", "Wasi"),
            ("quichua", "Kichwa"),
            ("chonta", "Chunta"),
        ]:
            with self.subTest(query=query):
                book = self.add_book(f"{title} kawsay")
                found = self.backend.search(query, models.Book)
                self.assertIn(book, list(found))

    def test_exact_form_ranks_above_variant(self):
        variant = self.add_book("huasi")
        exact = self.add_book("wasi")
        results = list(self.backend.search("wasi", models.Book))
        self.assertEqual(results[:2], [exact, variant])

    def test_no_spanish_stemming_for_kichwa_documents(self):
        self.add_book("plantas")
        self.assertFalse(self.backend.search("planta", models.Book, language="es"))


class SpanishSearchTests(WhooshTestCase):
    options = {"LANGUAGE": "es"}

    def test_stemming_only_for_spanish_queries(self):
        book = self.add_book("Plantas medicinales")
        self.assertEqual(
            list(self.backend.search("planta", models.Book, language="es")), [book]
        )
        # Unknown query language: exact (folded) words only.
        self.assertFalse(self.backend.search("planta", models.Book))
        self.assertEqual(list(self.backend.search("plantas", models.Book)), [book])

    def test_accents_are_folded(self):
        book = self.add_book("Canción del árbol")
        self.assertEqual(
            list(self.backend.search("cancion arbol", models.Book)), [book]
        )

    def test_equivalence_table_crosses_languages(self):
        book = self.add_book("Té de guayusa")
        self.assertEqual(list(self.backend.search("wais", models.Book)), [book])
        palm = self.add_book("Fruta de chonta")
        self.assertEqual(list(self.backend.search("uwi", models.Book)), [palm])

    def test_no_variant_keys_for_spanish_documents(self):
        self.add_book("peso")
        self.assertFalse(self.backend.search("piso", models.Book))

    def test_query_language_option(self):
        backend = self.make_backend(QUERY_LANGUAGE="es")
        book = self.add_book("Semillas", backend=backend)
        self.assertEqual(list(backend.search("semilla", models.Book)), [book])


class FieldLanguageTests(WhooshTestCase):
    def test_get_search_language_on_object(self):
        book = models.Book.objects.create(
            title="Huasi", number_of_pages=1, publication_date=date(2020, 1, 1)
        )
        book.get_search_language = lambda: "qu"
        self.backend.add(book)
        self.assertEqual(list(self.backend.search("wasi", models.Book)), [book])


class Tagged(str):
    """A value that carries its language, as the backend reads it."""

    def __new__(cls, text, language):
        value = super().__new__(cls, text)
        value.search_language = language
        return value


class ValueLanguageTests(WhooshTestCase):
    """Documents indexed as Kichwa unless a value says otherwise."""

    options = {"LANGUAGE": "qu"}

    def test_a_value_in_another_language_is_analysed_in_it(self):
        spanish = self.add_book(Tagged("Plantas medicinales", "es"))
        self.add_book("Plantas medicinales")
        found = self.backend.search("planta", models.Book, language="es")
        self.assertEqual(list(found), [spanish])

    def test_each_item_of_a_list_value_in_its_own_language(self):
        value = [Tagged("plantas", "es"), "huasi", Tagged("nuwee", "jiv")]
        self.assertEqual(
            documents.value_parts(value, "qu"),
            [("plantas", "es"), ("huasi", "qu"), ("nuwee", "jiv")],
        )
        self.assertEqual(documents.value_parts(["a", "b"], "qu"), [("a, b", "qu")])


class SeveralQueryLanguagesTests(WhooshTestCase):
    def test_each_reading_meets_text_of_its_language(self):
        spanish = self.add_book(Tagged("Plantas", "es"))
        kichwa = self.add_book(Tagged("Wasi", "qu"))
        both = ("es", "qu", "jiv")
        self.assertEqual(
            list(self.backend.search("planta", models.Book, language=both)), [spanish]
        )
        self.assertEqual(
            list(self.backend.search("huasi", models.Book, language=both)), [kichwa]
        )
        # Kichwa text has no stems: "wasis" is not "wasi" read as Spanish.
        self.assertFalse(self.backend.search("wasis", models.Book, language=both))

    def test_as_the_query_language_option(self):
        backend = self.make_backend(QUERY_LANGUAGE=["es", "qu"])
        book = self.add_book(Tagged("Semillas", "es"), backend=backend)
        self.assertEqual(list(backend.search("semilla", models.Book)), [book])


class FuzzyTests(WhooshTestCase):
    def test_one_typo_in_long_word(self):
        results = self.backend.search(Fuzzy("javascrip"), models.Book)
        self.assertEqual(results.count(), 2)
        self.assertEqual(self.backend.search("javascrip", models.Book).count(), 0)

    def test_short_words_must_match_exactly(self):
        self.assertEqual(self.backend.search(Fuzzy("rusk"), models.Book).count(), 0)
        self.assertEqual(self.backend.search(Fuzzy("rust"), models.Book).count(), 2)

    def test_distance_is_configurable(self):
        backend = self.make_backend(FUZZY_MAX_DISTANCE=2)
        self.assertEqual(backend.search(Fuzzy("javascri"), models.Book).count(), 2)
        self.assertEqual(self.backend.search(Fuzzy("javascri"), models.Book).count(), 0)

    def test_fuzzy_operator_and(self):
        results = self.backend.search(
            Fuzzy("javascrip definitve", operator="and"), models.Book
        )
        self.assertEqual(self.titles(results), {"JavaScript: The Definitive Guide"})


class SuggestTests(WhooshTestCase):
    def test_suggests_correction_from_vocabulary(self):
        self.assertEqual(self.backend.suggest("javascrpt", models.Book), "javascript")

    def test_no_suggestion_when_query_finds_something(self):
        self.assertIsNone(self.backend.suggest("javascript", models.Book))

    def test_corrects_only_unknown_words(self):
        self.assertEqual(
            self.backend.suggest("javascript definitve", models.Book),
            "javascript definitive",
        )

    def test_restricted_queryset_never_suggests_hidden_words(self):
        # "Definitive" only occurs in a book with more than 500 pages.
        visible = models.Book.objects.filter(number_of_pages__lt=500)
        self.assertIsNone(self.backend.suggest("definitve", visible))
        self.assertEqual(self.backend.suggest("definitve", models.Book), "definitive")

    def test_no_suggestion_for_nonsense(self):
        self.assertIsNone(self.backend.suggest("zzzzqqq", models.Book))


class AutocompleteVariantTests(WhooshTestCase):
    options = {"LANGUAGE": "qu"}

    def test_autocomplete_matches_variant_prefix(self):
        book = self.add_book("Guayusa upina")
        self.assertIn(book, list(self.backend.autocomplete("wayu", models.Book)))
        self.assertIn(book, list(self.backend.autocomplete("Guay", models.Book)))


class PhraseAndScoreTests(WhooshTestCase):
    def test_phrase_on_variant_language_text(self):
        results = self.backend.search(Phrase("definitive guide"), models.Book)
        self.assertEqual(self.titles(results), {"JavaScript: The Definitive Guide"})

    def test_scores_when_not_ordering_by_relevance(self):
        results = self.backend.search(
            PlainText("javascript"),
            models.Book.objects.order_by("number_of_pages"),
            order_by_relevance=False,
        ).annotate_score("_score")
        self.assertTrue(all(r._score > 0 for r in results))


class LargeResultSetTests(WhooshTestCase):
    """More hits than IN_LIST_LIMIT: keys are matched by scanning the queryset."""

    build_index = False

    def setUp(self):
        super().setUp()
        self.limit = results_module.IN_LIST_LIMIT
        results_module.IN_LIST_LIMIT = 5
        self.addCleanup(setattr, results_module, "IN_LIST_LIMIT", self.limit)
        rebuild(self.backend)

    def test_filter_order_count_and_facet(self):
        queryset = models.Book.objects.filter(number_of_pages__gt=200)
        # "the" or "of" match most books.
        results = self.backend.search(
            "the of",
            queryset.order_by("number_of_pages"),
            operator="or",
            order_by_relevance=False,
        )
        pages = [r.number_of_pages for r in results]
        self.assertEqual(pages, sorted(pages))
        self.assertEqual(results.count(), len(pages))
        self.assertTrue(all(p > 200 for p in pages))
        self.assertEqual(results[1:3].count(), 2)
        relevance = self.backend.search("the of", queryset, operator="or")
        self.assertEqual(relevance.count(), len(pages))
        guides = self.backend.search("the of", models.ProgrammingGuide, operator="or")
        facet = guides.facet("programming_language")
        self.assertEqual(sum(facet.values()), guides.count())
