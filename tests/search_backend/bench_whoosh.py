"""Micro-benchmark of the Whoosh layer: index N small documents, run queries.

Used to compare Whoosh distributions (run it with each one's interpreter)::

    python tests/search_backend/bench_whoosh.py --docs 5000 --queries 200

Needs only ``whoosh`` and this repository on ``sys.path`` (no Django).
"""

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from whoosh import query as wq

from knowledge_portal.search.analysis import (
    MultilingualAnalysis,
    analyse_query,
    language_tag,
)
from knowledge_portal.search.backends.whoosh.results import matching_docnums
from knowledge_portal.search.backends.whoosh.storage import (
    IndexStore,
    build_schema,
)

SYLLABLES = [
    "ka",
    "ki",
    "ku",
    "wa",
    "wi",
    "sa",
    "si",
    "su",
    "cha",
    "chi",
    "ta",
    "tu",
    "pa",
    "pi",
    "ya",
    "yu",
    "ma",
    "mi",
    "nu",
    "ru",
]
CORE_WORDS = [
    "chakra",
    "wasi",
    "wayusa",
    "chunta",
    "yuca",
    "lumu",
    "sacha",
    "ruku",
    "mama",
    "kawsay",
    "yaku",
    "allpa",
    "planta",
    "medicinal",
    "semilla",
    "huerta",
    "cosecha",
    "bosque",
    "agua",
    "tierra",
    "fruta",
    "raiz",
    "nuwe",
    "shuar",
    "tsantsa",
    "uwi",
    "nampet",
    "arutam",
    "chonta",
    "guayusa",
    "chacra",
    "huasi",
]


def vocabulary(rng, size=3000):
    """Core words plus pseudo-words; drawn with Zipf-like weights."""
    words = list(CORE_WORDS)
    while len(words) < size:
        words.append("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    weights = [1.0 / rank for rank in range(1, len(words) + 1)]
    return words, weights


FIELDS = [("s__title", 10.0), ("s__body", 1.0)]


def make_document(number, rng, words, weights):
    language = rng.choice(["es", "qu", "jiv"])
    title = " ".join(rng.choices(words, weights, k=4))
    body = " ".join(rng.choices(words, weights, k=40))
    return {
        "doc_id": f"bench.doc:{number}",
        "doc_pk": str(number),
        "doc_ct": "bench.doc",
        "s__title": language_tag(language) + title,
        "s__body": language_tag(language) + body,
        "a__title": title,
    }


def build_query(text):
    clauses = []
    for forms in analyse_query(text, None, drop_stopwords=True):
        clauses.append(
            wq.Or(
                [
                    wq.Term(name, term, boost=boost * weight)
                    for term, weight in forms.terms()
                    for name, boost in FIELDS
                ]
            )
        )
    return wq.And(
        [wq.And(clauses), wq.ConstantScoreQuery(wq.Term("doc_ct", "bench.doc"), 0)]
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--query-words",
        choices=["typical", "frequent"],
        default="typical",
        help="typical: any vocabulary word; frequent: Zipf-weighted (worst case)",
    )
    args = parser.parse_args()
    rng = random.Random(42)  # noqa: S311 - reproducible data, not crypto
    words, weights = vocabulary(rng)
    path = tempfile.mkdtemp(prefix="whoosh-bench-")
    store = IndexStore(path, schema=build_schema(MultilingualAnalysis(), "es", 1, 20))
    name = store.create_generation()

    started = time.perf_counter()
    with store.writer(name) as writer:
        for number in range(args.docs):
            writer.add_document(**make_document(number, rng, words, weights))
    store.activate(name)
    index_seconds = time.perf_counter() - started

    timings = []
    for _ in range(args.queries):
        query_weights = weights if args.query_words == "frequent" else None
        text = " ".join(rng.choices(words, query_weights, k=rng.randint(1, 3)))
        started = time.perf_counter()
        # What the backend does for an unfiltered relevance query: top 10 + count.
        searcher = store.searcher()
        keys = store.primary_keys(searcher)
        query = build_query(text)
        results = searcher.search(query, limit=10)
        page = [keys[docnum] for _score, docnum in results.top_n]
        total = len(matching_docnums(searcher, query))
        assert len(page) <= total
        timings.append((time.perf_counter() - started) * 1000)
    shutil.rmtree(path, ignore_errors=True)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"docs={args.docs} queries={args.query_words} index_s={index_seconds:.2f} "
        f"query_ms_median={statistics.median(timings):.1f} query_ms_p95={p95:.1f}"
    )


if __name__ == "__main__":
    main()
