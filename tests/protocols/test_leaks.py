"""Restricted knowledge never reaches someone outside its community.

Every URL reachable from the home pages, the sitemap and the API is crawled
as an anonymous visitor and as a member of another community; search,
autocomplete and suggestions are queried. The canary word and the restricted
media must appear nowhere. The same crawl as a member finds them.
"""

import json
import re
from itertools import chain

import pytest
from bs4 import BeautifulSoup

from knowledge_portal.core import photos

from .conftest import CANARY
from .crawler import walk

pytestmark = pytest.mark.django_db

LANGUAGES = ("es", "qu", "jiv")
API_PAGE = re.compile(r"^/api/v2/pages/(\d+)/$")


def restricted_media(site):
    urls = []
    for image in site["images"]:
        renditions = image.get_renditions(*photos.SPECS).values()
        urls += [image.file.url, *(rendition.url for rendition in renditions)]
    return urls + [recording.file.url for recording in site["recordings"]]


def api_sweep(client, site, swept=None):
    """Every page the API lists, with every field; every image it lists; and
    the hidden items asked for by id. Yields (url, status, body); adds the
    ids of the pages it asked for to ``swept``."""
    swept = set() if swept is None else swept

    def get(url):
        try:
            # A 404 outside a language prefix is sent on to /<lang>/...,
            # which answers 404 too: follow it, as for any missing id.
            response = client.get(url, follow=True)
        except Exception:  # a crash is an answer too
            return url, 500, ""
        return url, response.status_code, response.content.decode()

    for pk in site["secret_pages"]:
        swept.add(pk)
        yield get(f"/api/v2/pages/{pk}/?fields=*")
    for image in site["images"]:
        yield get(f"/api/v2/images/{image.pk}/")
    for endpoint in ("pages", "images", "documents"):
        offset = 0
        while True:
            url, status, body = get(f"/api/v2/{endpoint}/?limit=100&offset={offset}")
            yield url, status, body
            listing = json.loads(body)
            for item in listing["items"]:
                fields = "?fields=*" if endpoint == "pages" else ""
                if endpoint == "pages":
                    swept.add(item["id"])
                yield get(f"/api/v2/{endpoint}/{item['id']}/{fields}")
            offset += 100
            if offset >= listing["meta"]["total_count"]:
                break


def search_leaks(client):
    """Yield ("search", door) for each search door that shows the canary:
    the search page (results and "did you mean"), autocomplete and the API's
    ``?search=`` of every endpoint, exact, with a typo and any word."""
    for code in LANGUAGES:
        for path in (f"/{code}/search/?q={CANARY}", f"/{code}/search/?q={CANARY[:-1]}"):
            # The page repeats the visitor's own query; only results and
            # suggestions count.
            document = BeautifulSoup(client.get(path).content, "html.parser")
            shown = " ".join(
                element.get_text()
                for element in document.select(".results, .suggestion")
            )
            if CANARY.lower() in shown.lower():
                yield ("search", path)
        for path in (
            f"/{code}/search/autocomplete/?q={CANARY[:6]}",
            f"/api/v2/pages/?search={CANARY}&locale={code}",
            f"/api/v2/pages/?search={CANARY[:-1]}&locale={code}&fields=*",
            f"/api/v2/pages/?search={CANARY}+cacao&search_operator=or&locale={code}",
        ):
            data = client.get(path).json()
            if (
                CANARY.lower()
                in json.dumps(data.get("results", data.get("items"))).lower()
            ):
                yield ("search", path)
    for endpoint in ("images", "documents"):
        path = f"/api/v2/{endpoint}/?search={CANARY}"
        if CANARY.lower() in client.get(path).content.decode().lower():
            yield ("search", path)


def leaks(client, site):
    """Every place the canary or a restricted file shows up for this client."""
    return list(find_leaks(client, site))


def find_leaks(client, site):
    """Yield each (kind, where) the canary or a restricted file shows up,
    quickest doors first."""
    media_urls = restricted_media(site)
    hidden_items = {
        *(f"/api/v2/pages/{pk}/?fields=*" for pk in site["secret_pages"]),
        *(f"/api/v2/images/{image.pk}/" for image in site["images"]),
    }
    for url in site["secret_urls"]:
        if client.get(url).status_code == 200:
            yield ("direct page", url)
    for media in media_urls:
        if client.get(media).status_code == 200:
            yield ("media file", media)
    yield from search_leaks(client)
    swept = set()

    def not_swept(parsed):
        # A page the sweep read with every field: its plain view says less.
        match = API_PAGE.match(parsed.path)
        return not (match and not parsed.query and int(match[1]) in swept)

    for url, status, body in chain(
        api_sweep(client, site, swept), walk(client, wanted=not_swept)
    ):
        if url in hidden_items and status != 404:
            # Anything but "not found" tells that the item is there.
            yield ("hidden item answered", url)
        if (
            url.startswith("/api/")
            and status == 200
            and None in json.loads(body).get("items", ())
        ):
            # A blank in a listing still tells that something is there.
            yield ("hidden item counted in a listing", url)
        if CANARY.lower() in body.lower() or CANARY.lower() in url.lower():
            yield ("page", url)
        if any(media in body for media in media_urls):
            yield ("media link", url)
        if any(secret in body for secret in site["secret_urls"]):
            yield ("link to hidden page", url)


# The anonymous visitor's crawl is tests/core/test_page_cache.py's
# test_nothing_leaks_through_the_cache: the same crawl with the page cache on,
# after a member crawled her way. Each URL's first visit is rendered for the
# visitor, so it checks the site and its cache at once, in one crawl.


def test_nothing_leaks_to_another_community(client, restricted_site):
    client.force_login(restricted_site["outsider"])
    found = leaks(client, restricted_site)
    assert found == [], "\n".join(map(str, found))


def test_the_right_community_finds_everything(client, restricted_site):
    client.force_login(restricted_site["member"])
    expected = {
        "page",
        "media link",
        "link to hidden page",
        "direct page",
        "search",
        "media file",
    }
    kinds = set()
    # The crawl that must find nothing for others stops here once it has
    # found every kind: the control only shows that each is findable.
    for kind, _where in find_leaks(client, restricted_site):
        kinds.add(kind)
        if expected <= kinds:
            break
    assert expected <= kinds


def test_the_crawl_reaches_the_community_page_its_canaries_are_credited_to(
    client, restricted_site
):
    wanted = {f"/{code}/comunidades/kallari/" for code in LANGUAGES}
    visited = set()
    for url, _status, _body in walk(client):
        visited.add(url)
        if wanted <= visited:
            break
    assert wanted <= visited
    # Listed there for the community that may see them: a broken filter would
    # list them for everyone (the mutation run shows it).
    client.force_login(restricted_site["member"])
    assert CANARY in client.get("/es/comunidades/kallari/").content.decode()


def test_restricted_media_urls_are_404_for_anonymous(client, restricted_site):
    for media in restricted_media(restricted_site):
        assert client.get(media).status_code == 404


def test_hidden_page_is_a_404_that_does_not_reveal_its_title(client, restricted_site):
    response = client.get(restricted_site["secret_urls"][0])
    assert response.status_code == 404
    assert CANARY not in response.content.decode()


def test_sitemap_lists_only_public_pages(client, restricted_site):
    client.force_login(restricted_site["member"])
    assert "canaria-secreta" not in client.get("/sitemap.xml").content.decode()


def test_seasonal_protocol_closes_outside_its_season(restricted_site, monkeypatch):
    import datetime

    from knowledge_portal.plants.models import PlantProfilePage
    from knowledge_portal.protocols import access

    page = PlantProfilePage.objects.get(slug="ilex-guayusa", locale__language_code="es")
    page.season_months = [3, 4]
    outsider = restricted_site["outsider"]
    march, july = datetime.date(2026, 3, 10), datetime.date(2026, 7, 10)
    assert access.can_access(outsider, page, today=march)
    assert not access.can_access(outsider, page, today=july)
    page.access_group = restricted_site["member"].groups.get()
    assert access.can_access(restricted_site["member"], page, today=july)


def test_a_seasonal_entry_disappears_everywhere_out_of_season(
    client, restricted_site, monkeypatch
):
    import datetime

    from django.utils import timezone

    from knowledge_portal.plants.models import PlantProfilePage

    for page in PlantProfilePage.objects.filter(slug="zea-mays"):
        page.season_months = [(timezone.localdate().month % 12) + 1]
        page.save_revision().publish()
    assert client.get("/es/plantas/zea-mays/").status_code == 404
    assert (
        "/es/plantas/zea-mays/"
        not in client.get("/es/plantas/?page=1").content.decode()
    )
    next_month = timezone.localdate().replace(day=1) + datetime.timedelta(days=32)
    monkeypatch.setattr(timezone, "localdate", lambda: next_month)
    client.logout()
    assert client.get("/es/plantas/zea-mays/").status_code == 200


def test_public_export_leaves_restricted_knowledge_out(restricted_site, tmp_path):
    from knowledge_portal.site.content.exporter import export_content

    export_content(tmp_path / "public", public=True)
    export_content(tmp_path / "backup")
    public = [path for path in (tmp_path / "public").rglob("*") if path.is_file()]
    backup = [path for path in (tmp_path / "backup").rglob("*") if path.is_file()]

    def mentions(paths):
        return [
            path.name
            for path in paths
            if CANARY.lower() in path.read_bytes().decode("utf-8", "replace").lower()
            or path.name in {"canary-photo.png", "canary-voice.wav"}
        ]

    assert mentions(public) == []
    # The backup keeps everything, protocols included, so nothing is lost.
    assert {"canaria-secreta.yaml", "ilex-guayusa.yaml"} <= set(mentions(backup))
    assert (
        "access: restricted"
        in (tmp_path / "backup/plants/canaria-secreta.yaml").read_text()
    )


def test_search_on_the_database_backend_leaks_nothing(
    client, restricted_site, settings
):
    """The forms other backends are given (search/portable.py) are indexed
    for restricted pages too: the access rule still keeps them out."""
    from django.core.management import call_command

    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "wagtail.search.backends.database",
            "SEARCH_CONFIG": "simple",
            "AUTO_UPDATE": False,
        }
    }
    call_command("update_index", verbosity=0)
    assert list(search_leaks(client)) == []
    client.force_login(restricted_site["outsider"])
    assert list(search_leaks(client)) == []
    client.force_login(restricted_site["member"])
    assert list(search_leaks(client)), "the member finds the canary"
