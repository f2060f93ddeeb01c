"""Every page names its translations for search engines (hreflang), and only
those the visitor may see; the language switcher shows the same ones."""

import pytest
from bs4 import BeautifulSoup

from tests.core.findable import keep_for_a_community, plant_in_three_languages

pytestmark = pytest.mark.django_db


def alternates(response):
    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    return {
        link["hreflang"]: link["href"]
        for link in document.select('head link[rel="alternate"][hreflang]')
    }


def switcher(response):
    document = BeautifulSoup(response.content, "html.parser")
    return {
        link["hreflang"]: link for link in document.select("nav.languages a[hreflang]")
    }


def test_a_page_names_its_three_translations_with_absolute_urls(
    client, seeded, tmp_path
):
    pages = plant_in_three_languages(tmp_path)
    for code, page in pages.items():
        links = alternates(client.get(page.url))
        assert links == {
            "es": pages["es"].get_full_url(),
            "qu": pages["qu"].get_full_url(),
            "jiv": pages["jiv"].get_full_url(),
            "x-default": pages["es"].get_full_url(),
        }, code
    assert all(href.startswith("http") for href in links.values())
    assert links["qu"].endswith(pages["qu"].url) and "/qu/" in links["qu"]


def test_a_translation_the_visitor_may_not_see_is_not_named(
    client, seeded, tmp_path, django_user_model
):
    pages = plant_in_three_languages(tmp_path)
    member, outsider = keep_for_a_community(pages["jiv"], django_user_model)
    shuar_url = pages["jiv"].get_full_url()

    for visitor in (None, outsider):
        client.logout()
        if visitor:
            client.force_login(visitor)
        response = client.get(pages["es"].url)
        assert set(alternates(response)) == {"es", "qu", "x-default"}
        assert pages["jiv"].url not in response.content.decode()
        # The switcher says "not yet translated" rather than link to it.
        assert switcher(response)["jiv"]["href"].startswith("/jiv/translation/")
        assert client.get(pages["jiv"].url).status_code == 404

    client.force_login(member)
    response = client.get(pages["es"].url)
    assert alternates(response)["jiv"] == shuar_url
    assert switcher(response)["jiv"]["href"] == pages["jiv"].url


def test_without_a_spanish_translation_there_is_no_x_default(client, seeded, tmp_path):
    pages = plant_in_three_languages(tmp_path)
    pages["es"].unpublish()
    assert set(alternates(client.get(pages["qu"].url))) == {"qu", "jiv"}


def test_other_views_name_their_addresses_in_each_language(client, seeded):
    links = alternates(client.get("/qu/search/?q=wayusa"))
    assert set(links) == {"es", "qu", "jiv", "x-default"}
    assert links["jiv"].endswith("/jiv/search/?q=wayusa")
    assert links["jiv"].startswith("http")


def test_error_pages_name_no_translations(client, seeded):
    response = client.get("/qu/no-such-page/")
    assert response.status_code == 404
    document = BeautifulSoup(response.content, "html.parser")
    assert not document.select('link[rel="alternate"]')


def test_the_head_and_the_switcher_share_one_computation(
    client, seeded, tmp_path, monkeypatch
):
    from knowledge_portal.site.templatetags import portal_tags

    pages = plant_in_three_languages(tmp_path)
    computed = []
    page_links = portal_tags._page_links

    def counted(request, page):
        computed.append(page.pk)
        return page_links(request, page)

    monkeypatch.setattr(portal_tags, "_page_links", counted)
    response = client.get(pages["qu"].url)
    assert len(alternates(response)) == 4 and len(switcher(response)) == 2
    assert computed == [pages["qu"].pk]
