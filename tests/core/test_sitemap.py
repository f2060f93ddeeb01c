"""/sitemap.xml lists the pages of all three languages that anyone may see,
each with its translations as alternates."""

import re
from collections import defaultdict

import pytest
from defusedxml import ElementTree

from tests.core.findable import keep_for_a_community, plant_in_three_languages

pytestmark = pytest.mark.django_db


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    names = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "xhtml": "http://www.w3.org/1999/xhtml",
    }
    return {
        url.findtext("s:loc", namespaces=names): {
            link.get("hreflang"): link.get("href")
            for link in url.findall("xhtml:link[@rel='alternate']", names)
        }
        for url in ElementTree.fromstring(response.content).findall("s:url", names)
    }


def test_every_language_is_listed_with_absolute_urls(client, seeded, tmp_path):
    pages = plant_in_three_languages(tmp_path)
    entries = sitemap(client)
    prefixes = defaultdict(int)
    for location in entries:
        assert location.startswith("http")
        prefixes[re.match(r"https?://[^/]+/(\w+)/", location)[1]] += 1
    assert set(prefixes) == {"es", "qu", "jiv"}
    # The seeded site is translated whole: each language has every page.
    assert prefixes["qu"] == prefixes["jiv"] == prefixes["es"]
    for page in pages.values():
        assert entries[page.get_full_url()] == {
            "es": pages["es"].get_full_url(),
            "qu": pages["qu"].get_full_url(),
            "jiv": pages["jiv"].get_full_url(),
            "x-default": pages["es"].get_full_url(),
        }


def test_a_translation_only_a_community_may_see_is_left_out(
    client, seeded, tmp_path, django_user_model
):
    pages = plant_in_three_languages(tmp_path)
    member, _outsider = keep_for_a_community(pages["jiv"], django_user_model)
    # The sitemap is for search engines: what anyone may see, whoever asks.
    client.force_login(member)
    entries = sitemap(client)
    assert pages["jiv"].get_full_url() not in entries
    assert pages["jiv"].url not in str(entries)
    assert set(entries[pages["qu"].get_full_url()]) == {"es", "qu", "x-default"}


def test_the_sitemap_queries_do_not_grow_with_the_pages(
    client, seeded, tmp_path, django_assert_max_num_queries
):
    client.get("/sitemap.xml")
    with django_assert_max_num_queries(40) as before:
        client.get("/sitemap.xml")
    plant_in_three_languages(tmp_path)
    with django_assert_max_num_queries(len(before)):
        client.get("/sitemap.xml")
