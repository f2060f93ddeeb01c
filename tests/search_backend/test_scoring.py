"""The block-wise BM25F ranking gives Whoosh's own scores and order."""

from modelsearch.query import Boost, Fuzzy, Or, PlainText
from modelsearch.test.testapp import models
from whoosh import query as wq

from knowledge_portal.search.backends.whoosh import scoring
from knowledge_portal.search.backends.whoosh.results import matching_docnums

from .support import WhooshTestCase

QUERIES = [
    ("the", "and"),
    ("the of", "or"),
    ("the of", "and"),
    ("javascript guide", "or"),
    (Fuzzy("javasript"), None),
    (Or([Boost(PlainText("python"), 3.0), PlainText("the")]), None),
]


def rounded(ranking):
    """Scores to 9 places; documents with equal scores by number."""
    return sorted(
        ((round(score, 9), docnum) for score, docnum in ranking),
        key=lambda item: (-item[0], item[1]),
    )


class BlockRankingTests(WhooshTestCase):
    def compiled(self, query, operator):
        kwargs = {"operator": operator} if operator else {}
        results = self.backend.search(query, models.Book, **kwargs)
        searcher = self.backend.store.searcher()
        whoosh_query = scoring.expand(
            results.query_compiler.whoosh_query(), searcher.reader()
        )
        return searcher, whoosh_query

    def assert_same_ranking(self):
        checked = 0
        for query, operator in QUERIES:
            with self.subTest(query=query, operator=operator):
                searcher, whoosh_query = self.compiled(query, operator)
                candidates = matching_docnums(searcher, whoosh_query)
                expected = searcher.search(
                    whoosh_query, filter=candidates, limit=None
                ).top_n
                ours = scoring.rank(searcher, whoosh_query, candidates)
                self.assertIsNotNone(ours)
                self.assertEqual(rounded(ours), rounded(expected))
                self.assertEqual(len(ours), len(expected))
                checked += bool(expected)
        # The comparison must not pass vacuously on empty result lists.
        self.assertGreaterEqual(checked, 4)

    def test_matches_whoosh_collector(self):
        self.assert_same_ranking()

    def test_matches_whoosh_on_several_segments_with_deletions(self):
        for number in range(3):
            self.add_book(f"The guide of python number {number}", pages=10 + number)
        doomed = self.add_book("The last guide of javascript", pages=5)
        self.backend.delete(doomed)
        searcher = self.backend.store.searcher()
        self.assertGreater(len(list(searcher.leaf_searchers())), 1)
        self.assertTrue(searcher.reader().has_deletions())
        self.assert_same_ranking()

    def test_limit_keeps_the_best(self):
        searcher, whoosh_query = self.compiled("the of", "or")
        candidates = matching_docnums(searcher, whoosh_query)
        full = scoring.rank(searcher, whoosh_query, candidates)
        self.assertEqual(scoring.rank(searcher, whoosh_query, candidates, 3), full[:3])

    def test_unsupported_queries_are_left_to_whoosh(self):
        searcher = self.backend.store.searcher()
        for query in (
            wq.Phrase("s__title", ["the", "guide"]),
            wq.And([wq.Term("s__title", "the"), wq.Not(wq.Term("s__title", "of"))]),
            wq.Or([wq.Term("s__title", "the")], boost=2.0),
        ):
            with self.subTest(query=query):
                self.assertIsNone(scoring.rank(searcher, query, {0, 1}))
