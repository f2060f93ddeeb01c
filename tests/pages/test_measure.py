"""Diagnostic: where each page's queries come from.

PAGES_QUERY_REPORT=1 .venv/bin/python -m pytest -s tests/pages/test_measure.py
"""

import collections
import os

import pytest

from .conftest import OriginCapture, page_url

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not os.environ.get("PAGES_QUERY_REPORT"), reason="a report, not a check"
    ),
]


@pytest.mark.parametrize("language", ["es", "qu"])
def test_show_queries(client, realistic_site, shared_cache_on, language):
    from django.db import connection

    for who in ("anonymous", "learner"):
        if who == "learner":
            client.force_login(realistic_site["learner"])
        for name in ("plant", "guide", "lesson", "plant index", "my learning"):
            if who == "anonymous" and name == "my learning":
                continue
            url = page_url(name, language)
            with OriginCapture(connection) as first:
                client.get(url)  # builds what is shared
            with OriginCapture(connection) as captured:
                response = client.get(url)
            assert response.status_code == 200, url
            print(
                f"\n=== {who} {language} {name} {url}: {len(captured)} queries"
                f" (first render {len(first)})"
            )
            counter = collections.Counter(
                " < ".join(reversed(frames)) + "\n        " + sql[:110]
                for frames, sql in captured.origins
            )
            for origin, number in counter.most_common():
                print(f"  {number:3d}  {origin}")
