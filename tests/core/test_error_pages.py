"""Error pages are in the site's layout and language, and say what to do."""

import shutil

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from knowledge_portal.core import ratelimits, roles
from knowledge_portal.site import views

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-passphrase-9"
LANGUAGES = ["es", "qu"]


def in_language(language, message):
    with translation.override(language):
        return gettext(message)


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def assert_in_layout(response, language, heading):
    html = page(response)
    assert html.html["lang"] == language
    assert html.select_one("header.site-header a.site-name")["href"] == f"/{language}/"
    assert html.select_one("form.search-box[role=search]")
    assert html.select_one("footer.site-footer")
    assert html.select_one("main h1").get_text(strip=True) == in_language(
        language, heading
    )
    return html


def person(django_user_model, client, role):
    user = django_user_model.objects.create_user(f"someone-{role}", password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return user


@pytest.mark.parametrize("language", LANGUAGES)
def test_404_is_in_the_layout_and_leads_home(client, seeded, language):
    response = client.get(f"/{language}/no-such-page/")
    assert response.status_code == 404
    html = assert_in_layout(response, language, "Page not found")
    assert html.select_one("nav.sections a")
    assert html.select_one(f'main a[href="/{language}/"]')


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("role", [roles.LEARNER, roles.TEACHER])
def test_403_is_in_the_layout_and_leads_back(
    client, seeded, django_user_model, language, role
):
    person(django_user_model, client, role)
    response = client.get(f"/{language}/contribute/")
    assert response.status_code == 403
    html = assert_in_layout(response, language, "This page is not for your account")
    assert html.select_one(f'main a[href="/{language}/accounts/welcome/"]')
    assert html.select_one(f'main a[href="/{language}/"]')


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        (roles.LEARNER, False),
        (roles.TEACHER, False),
        (roles.CHAKRAMAMA, True),
        (roles.MODERATOR, True),
    ],
)
def test_the_header_offers_contributing_only_to_contributors(
    client, seeded, django_user_model, role, offered
):
    person(django_user_model, client, role)
    html = page(client.get("/es/"))
    links = [link["href"] for link in html.select("nav.account a")]
    assert ("/es/contribute/" in links) is offered
    if offered:
        assert client.get("/es/contribute/").status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_500_is_in_the_layout(seeded, monkeypatch, language):
    def broken(*args, **kwargs):
        raise RuntimeError("the review file is unreadable")

    monkeypatch.setattr(views.review, "pending_content", broken)
    response = Client(raise_request_exception=False).get(f"/{language}/review/")
    assert response.status_code == 500
    html = assert_in_layout(response, language, "Something went wrong")
    assert html.select_one(f'main a[href="/{language}/"]')


def test_500_draws_without_the_database(rf, django_assert_num_queries):
    with translation.override("qu"), django_assert_num_queries(0):
        response = views.server_error(rf.get("/qu/"))
    assert response.status_code == 500
    html = page(response)
    assert html.html["lang"] == "qu"
    assert html.select_one("main h1")


def test_500_falls_back_to_django_s_words(rf, settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [], "APP_DIRS": False, "OPTIONS": {}}
    ]
    response = views.server_error(rf.get("/es/"))
    assert response.status_code == 500
    assert b"Server Error (500)" in response.content


@pytest.mark.parametrize("language", LANGUAGES)
def test_429_is_in_the_layout_and_says_to_wait(client, seeded, monkeypatch, language):
    monkeypatch.setattr(ratelimits, "login_limited", lambda request: True)
    response = client.post(
        f"/{language}/accounts/login/", {"username": "kuri", "password": "x"}
    )
    assert response.status_code == 429
    html = assert_in_layout(response, language, "Sign in")
    note = html.select_one("main [role=alert]").get_text(strip=True)
    assert note == in_language(language, ratelimits.TOO_MANY_ATTEMPTS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_503_is_in_the_layout_and_says_to_try_later(client, seeded, language):
    shutil.rmtree(settings.WAGTAILSEARCH_BACKENDS["default"]["PATH"])
    response = client.get(f"/{language}/search/", {"q": "cacao"})
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    html = assert_in_layout(response, language, "Search")
    notice = html.select_one("main [role=status]").get_text(strip=True)
    assert notice == in_language(
        language,
        "Search is not available right now. Please try again in a minute; "
        "every page can still be browsed.",
    )
