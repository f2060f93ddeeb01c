"""The page cache: one copy per page and language for anonymous visitors, and
nothing from it for anyone else (knowledge_portal/core/page_cache.py)."""

import io

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import caches
from django.core.files.images import ImageFile
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.images import get_image_model

import tests.protocols.test_leaks as leak_crawl
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.plants.models import PlantGalleryImage, PlantProfilePage
from knowledge_portal.protocols.models import Community, ImageProtocol
from knowledge_portal.site.content.loader import load_content
from knowledge_portal.site.page_cache import cache_key, can_store
from tests import factories
from tests.protocols.conftest import (
    CANARY,
    restricted_site,  # noqa: F401  (a fixture)
    restricted_site_once,  # noqa: F401  (a fixture)
)
from tests.protocols.crawler import crawl

pytestmark = pytest.mark.django_db

GUAYUSA = "/es/plantas/ilex-guayusa/"


@pytest.fixture
def page_cache(settings):
    """The page cache on, as in production, and empty before and after."""
    settings.PAGE_CACHE_SECONDS = 600
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def directives(response):
    return {item.strip() for item in response["Cache-Control"].split(",")}


def stored(path, **headers):
    """Whether the cache holds a page for this anonymous request."""
    return caches["pages"].get(cache_key(RequestFactory().get(path, **headers)))


@pytest.fixture
def secret_plant(seeded, tmp_path, django_user_model):
    """A plant only the Sarayaku community may see, a member, and a signed-in
    member of another community."""
    factories.write_entry(
        tmp_path,
        factories.plant(
            "secreta-sarayaku",
            title={"es": "Planta Secreta", "qu": "Yura Secreta", "jiv": "Secreta"},
        ),
    )
    assert not load_content(tmp_path).errors
    sarayaku = Community.objects.create(name="Sarayaku", slug="sarayaku")
    other = Community.objects.create(name="Otra", slug="otra")
    for page in PlantProfilePage.objects.filter(slug="secreta-sarayaku"):
        page.access = "community"
        page.access_communities = [sarayaku.pk]
        page.save_revision().publish()
    member = django_user_model.objects.create_user("sisa", password="x" * 12)
    sarayaku.members.add(member)
    outsider = django_user_model.objects.create_user("ajena", password="x" * 12)
    other.members.add(outsider)
    return {
        "url": "/es/plantas/secreta-sarayaku/",
        "member": member,
        "outsider": outsider,
    }


@pytest.mark.parametrize("backend", ["locmem", "files"])
def test_second_anonymous_visit_is_served_from_the_cache(
    client, seeded, page_cache, backend, settings, tmp_path, django_assert_num_queries
):
    if backend == "files":
        # What production uses: files every gunicorn worker reads.
        settings.CACHES = {
            **settings.CACHES,
            "pages": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(tmp_path / "pages"),
            },
        }
    first = client.get(GUAYUSA)
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert directives(first) == {"public", "max-age=60"}
    with django_assert_num_queries(0):
        second = client.get(GUAYUSA)
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert directives(second) == {"public", "max-age=60"}
    assert second.content == first.content
    if backend == "files":
        assert list((tmp_path / "pages").iterdir())


def test_the_query_string_is_part_of_the_key(client, seeded, page_cache):
    everything = soup(client.get("/es/plantas/"))
    client.get("/es/plantas/?page=2")
    second_page = soup(client.get("/es/plantas/?page=2"))
    assert second_page.select(".cards > li")
    assert [a["href"] for a in second_page.select(".cards a")] != [
        a["href"] for a in everything.select(".cards a")
    ]


def test_each_language_has_its_own_copy(client, seeded, page_cache):
    for _warm in range(2):
        pages = {
            code: client.get(f"/{code}/plantas/ilex-guayusa/")
            for code in ("es", "qu", "jiv")
        }
    for code, response in pages.items():
        assert response["X-Page-Cache"] == "hit"
        assert soup(response).html["lang"] == code
        current = soup(response).select_one("nav.languages [aria-current]")
        assert current["lang"] == code


def test_the_root_redirect_follows_each_visitor_language(client, seeded, page_cache):
    # `/` answers by cookie and Accept-Language: a redirect is never stored.
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="qu")["Location"] == "/qu/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es")["Location"] == "/es/"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "jiv"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="qu")["Location"] == "/jiv/"


def test_the_language_is_in_the_key_where_the_url_has_none(seeded):
    factory = RequestFactory()
    keys = {
        cache_key(factory.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE=code))
        for code in ("es", "qu", "jiv")
    }
    assert len(keys) == 3
    by_cookie = factory.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="es")
    by_cookie.COOKIES[settings.LANGUAGE_COOKIE_NAME] = "qu"
    assert cache_key(by_cookie) == cache_key(
        factory.get("/sitemap.xml", HTTP_ACCEPT_LANGUAGE="qu")
    )


def test_cached_pages_still_remember_the_language(client, seeded, page_cache):
    # The first Kichwa visitor is told to remember Kichwa, privately...
    first = client.get("/qu/plantas/ilex-guayusa/")
    assert first.cookies[settings.LANGUAGE_COOKIE_NAME].value == "qu"
    assert "private" in first["Cache-Control"]
    # ...but the stored copy sets no cookie: a visitor whose browser asks for
    # Kichwa anyway needs none,
    client.cookies.clear()
    asks_kichwa = client.get("/qu/plantas/ilex-guayusa/", HTTP_ACCEPT_LANGUAGE="qu")
    assert asks_kichwa["X-Page-Cache"] == "hit"
    assert not asks_kichwa.cookies
    assert directives(asks_kichwa) == {"public", "max-age=60"}
    # and the next one who does not is told to remember it, from the cache.
    client.cookies.clear()
    next_one = client.get("/qu/plantas/ilex-guayusa/")
    assert next_one["X-Page-Cache"] == "hit"
    assert next_one.cookies[settings.LANGUAGE_COOKIE_NAME].value == "qu"
    assert client.get("/")["Location"] == "/qu/"


def test_a_member_page_is_never_stored_for_others(client, secret_plant, page_cache):
    client.force_login(secret_plant["member"])
    seen = client.get(secret_plant["url"])
    assert seen.status_code == 200
    assert "Planta Secreta" in seen.content.decode()
    assert "X-Page-Cache" not in seen
    assert directives(seen) == {"private", "no-store"}
    assert client.get("/es/plantas/").content.decode().count("Planta Secreta")

    client.logout()
    assert client.get(secret_plant["url"]).status_code == 404
    assert "Planta Secreta" not in client.get("/es/plantas/").content.decode()
    client.force_login(secret_plant["outsider"])
    assert client.get(secret_plant["url"]).status_code == 404
    assert "Planta Secreta" not in client.get("/es/plantas/").content.decode()


def test_an_anonymous_copy_is_never_served_to_a_member(
    client, secret_plant, page_cache
):
    for _warm in range(2):
        anonymous = client.get("/es/plantas/")
        assert client.get(secret_plant["url"]).status_code == 404
    assert anonymous["X-Page-Cache"] == "hit"
    assert "Planta Secreta" not in anonymous.content.decode()

    client.force_login(secret_plant["member"])
    listing = client.get("/es/plantas/")
    assert "X-Page-Cache" not in listing
    assert "Planta Secreta" in listing.content.decode()
    assert client.get(secret_plant["url"]).status_code == 200
    client.force_login(secret_plant["outsider"])
    assert client.get(secret_plant["url"]).status_code == 404


def test_signed_in_visitors_get_their_own_navigation(
    client, seeded, page_cache, django_user_model
):
    client.get(GUAYUSA)
    assert client.get(GUAYUSA)["X-Page-Cache"] == "hit"
    client.force_login(django_user_model.objects.create_user("rumi", password="x" * 12))
    mine = soup(client.get(GUAYUSA))
    assert mine.select_one("nav.account form[action$='/logout/']")
    assert mine.select_one("input[name='csrfmiddlewaretoken']")

    client.logout()
    anonymous = client.get(GUAYUSA)
    assert anonymous["X-Page-Cache"] == "hit"
    assert not soup(anonymous).select_one("nav.account form")
    assert b"csrfmiddlewaretoken" not in anonymous.content


def test_a_session_cookie_bypasses_the_cache(client, seeded, page_cache):
    client.get(GUAYUSA)
    client.cookies[settings.SESSION_COOKIE_NAME] = "an-expired-session"
    response = client.get(GUAYUSA)
    assert response.status_code == 200
    assert "X-Page-Cache" not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/es/join/", "/es/accounts/login/"])
def test_a_page_with_a_csrf_token_is_not_stored(client, seeded, page_cache, path):
    for _twice in range(2):
        response = client.get(path)
        assert response.status_code == 200
        assert settings.CSRF_COOKIE_NAME in response.cookies
        assert "X-Page-Cache" not in response
        assert {"private", "no-store"} <= directives(response)
    assert stored(path) is None


def test_what_may_be_stored():
    request = RequestFactory().get("/es/")

    def response(**headers):
        made = HttpResponse("page")
        for name, value in headers.items():
            made[name.replace("_", "-")] = value
        return made

    assert can_store(request, response(Vary="Cookie, Accept-Language"))
    with_cookie = response()
    with_cookie.set_cookie("anything", "1")
    assert not can_store(request, with_cookie)
    assert not can_store(request, response(Cache_Control="private"))
    assert not can_store(request, response(Cache_Control="no-store"))
    assert not can_store(request, response(Cache_Control="max-age=0, no-cache"))
    assert not can_store(request, response(Vary="Accept"))
    assert not can_store(request, HttpResponse(status=404))
    assert not can_store(RequestFactory().head("/es/"), response())


@pytest.mark.parametrize(
    "change",
    ["publish", "unpublish", "delete", "protect", "protect the photo", "load"],
)
def test_changes_show_on_the_next_anonymous_visit(
    client, seeded, page_cache, tmp_path, change
):
    slug = "cambia-mucho"
    factories.write_image(tmp_path, slug, "hoja.png", width=600, height=400)
    data = factories.plant(slug, images=[{"file": "hoja.png", "credit": "Sisa"}])
    factories.write_entry(tmp_path, data)
    assert not load_content(tmp_path).errors
    url = f"/es/plantas/{slug}/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    page = PlantProfilePage.objects.get(slug=slug, locale__language_code="es")

    if change == "publish":
        page.title = "Título nuevo"
        page.save_revision().publish()
        assert "Título nuevo" in client.get(url).content.decode()
    elif change == "unpublish":
        page.unpublish()
        assert client.get(url).status_code == 404
    elif change == "delete":
        page.delete()
        assert client.get(url).status_code == 404
    elif change == "protect":
        sarayaku = Community.objects.create(name="Sarayaku", slug="sarayaku")
        page.access = "community"
        page.access_communities = [sarayaku.pk]
        page.save_revision().publish()
        assert client.get(url).status_code == 404
    elif change == "protect the photo":
        assert soup(client.get(url)).select("#gallery img")
        image = PlantGalleryImage.objects.get(page=page).image
        ImageProtocol.objects.create(
            image=image,
            access="community",
            access_communities=[
                Community.objects.get_or_create(slug="sarayaku", name="Sarayaku")[0].pk
            ],
        )
        assert not soup(client.get(url)).select("#gallery img")
    elif change == "load":
        data["text"] = {"summary": factories.localized("Resumen cambiado.")}
        factories.write_entry(tmp_path, data)
        assert load_content(tmp_path).counts["updated"] == 1
        assert "Resumen cambiado." in client.get(url).content.decode()


def test_changing_or_deleting_an_image_clears_the_cache(client, seeded, page_cache):
    client.get(GUAYUSA)
    assert stored(GUAYUSA)
    image = get_image_model()(
        title="Nueva", file=ImageFile(io.BytesIO(factories.png_bytes()), "nueva.png")
    )
    image.save()
    # A new upload is on no published page yet.
    assert stored(GUAYUSA)
    image.title = "Nueva, con otro título"
    image.save()
    assert stored(GUAYUSA) is None
    client.get(GUAYUSA)
    assert stored(GUAYUSA)
    image.delete()
    assert stored(GUAYUSA) is None


def test_a_contribution_keeps_the_cache(client, seeded, page_cache, django_user_model):
    """Contributions arrive as drafts, with new photos and recordings under a
    protocol: none of it is on a public page, so the cache stays."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from knowledge_portal.contributions.services import submit_note

    user = django_user_model.objects.create_user("rosa", first_name="Rosa")
    community = Community.objects.get(slug="winak")
    community.members.add(user)
    plant = PlantProfilePage.objects.get(
        slug="ilex-guayusa", locale__language_code="es"
    )
    client.get(GUAYUSA)
    assert stored(GUAYUSA)
    photo = SimpleUploadedFile("foto.png", factories.png_bytes(), "image/png")
    contribution = submit_note(
        user,
        plant,
        {
            "kind": "practice",
            "text": "Se siembra junto al cacao.",
            "credit_as": "name",
            "community": factories.community_key("winak"),
            "access": "community",
            "commercial_use": False,
            "photos": [photo],
        },
    )
    assert contribution.page.specific.photos.count() == 1
    assert stored(GUAYUSA)
    contribution.page.save_revision().publish()
    assert stored(GUAYUSA) is None


def test_changes_clear_the_cache_again_when_they_commit(
    client, seeded, page_cache, django_capture_on_commit_callbacks
):
    page = PlantProfilePage.objects.get(slug="ilex-guayusa", locale__language_code="es")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        page.title = "Guayusa nueva"
        page.save_revision().publish()
    # A request served between the change and its commit stores the old page.
    client.get(GUAYUSA)
    assert stored(GUAYUSA)
    for callback in callbacks:
        callback()
    assert stored(GUAYUSA) is None


def test_lesson_pages_and_visitors_quiz_checks_are_cached(
    client, seeded, page_cache, tmp_path, django_assert_num_queries
):
    factories.write_learning(tmp_path, lessons=[factories.lesson("leccion-cache")])
    assert not load_content(tmp_path).errors
    lesson = LessonPage.objects.get(slug="leccion-cache", locale__language_code="es")
    first, second = lesson.questions
    client.get(lesson.url)
    with django_assert_num_queries(0):
        assert client.get(lesson.url)["X-Page-Cache"] == "hit"

    def check(answer):
        response = client.get(
            lesson.url, {"action": "quiz", f"q-{first.id}": answer, f"q-{second.id}": 0}
        )
        feedback = soup(response).select(".feedback")
        return response, [item["class"][1] for item in feedback]

    assert check(0)[1] == ["right", "right"]
    assert check(1)[1] == ["wrong", "right"]
    response, feedback = check(1)
    assert response["X-Page-Cache"] == "hit"
    assert feedback == ["wrong", "right"]


def test_the_cache_can_be_turned_off(client, seeded, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(GUAYUSA)
    response = client.get(GUAYUSA)
    assert "X-Page-Cache" not in response
    assert stored(GUAYUSA) is None


def test_nothing_leaks_through_the_cache(client, restricted_site, page_cache):  # noqa: F811
    """The anonymous visitor's leak crawl (tests/protocols/test_leaks.py),
    with the cache on, after a member of the community has crawled everything
    her way: a crawl asks for each URL once, so every page the visitor gets is
    rendered for her or comes from the cache, and both are checked."""
    client.force_login(restricted_site["member"])
    assert any(CANARY in body for _status, body in crawl(client).values())
    client.logout()
    assert leak_crawl.leaks(client, restricted_site) == []
