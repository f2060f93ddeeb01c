"""Security headers, and pages that keep to their Content-Security-Policy.

The public policy allows no inline script, event-handler attribute or style
attribute, so every page type is rendered and parsed to prove it has none.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning.models import LessonPage
from knowledge_portal.plants.models import PlantIndexPage, PlantProfilePage

pytestmark = pytest.mark.django_db

PUBLIC_POLICY = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "media-src": "'self'",
    "font-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy(response):
    header = response.headers["Content-Security-Policy"]
    directives = [part.strip().split(None, 1) for part in header.split(";")]
    return dict(directives)


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts, on*
    attributes, style attributes and elements, javascript: URLs."""

    def __init__(self):
        super().__init__()
        self.problems = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not attributes.get("src"):
            self.problems.append(f"inline <script> {attrs}")
        if tag == "style":
            self.problems.append("<style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}>")
            if name in {"href", "src", "action"} and (
                value or ""
            ).strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value!r}>")


def inline_code(html):
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    return parser.problems


def first_url(model, language="qu"):
    return model.objects.live().filter(locale__language_code=language).first().url


@pytest.fixture
def chakramama(django_user_model):
    user = django_user_model.objects.create_user("rosa", password="a-long-pass-9")
    user.groups.add(Group.objects.get(name="Chakramama"))
    return user


def public_pages():
    return {
        "home": "/es/",
        "section index": first_url(PlantIndexPage, "es"),
        "plant": first_url(PlantProfilePage),
        "guide": first_url(GuidePage),
        "lesson": first_url(LessonPage, "jiv"),
        "search": "/es/search/?q=cacao",
        "login": "/qu/accounts/login/",
        "join": "/jiv/join/",
        "contribute": "/es/contribute/",
        "contribute a plant": "/qu/contribute/plant/",
    }


def test_every_public_page_type_sends_the_policy_and_keeps_to_it(
    client, seeded, chakramama
):
    pages = public_pages()
    client.force_login(chakramama)
    for name, url in pages.items():
        if name in {"login", "join"}:
            client.logout()
        response = client.get(url)
        assert response.status_code == 200, (name, url)
        assert policy(response) == PUBLIC_POLICY, name
        assert inline_code(response.content.decode()) == [], (name, url)
        client.force_login(chakramama)


def test_security_headers(client, seeded):
    response = client.get("/es/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_the_admin_gets_its_own_policy(client, seeded, admin_user):
    response = client.get("/admin/login/")
    admin = policy(response)
    assert admin["script-src"] == "'self' 'unsafe-inline'"
    assert admin["style-src"] == "'self'"
    assert admin["frame-ancestors"] == "'self'"
    assert admin["object-src"] == "'none'"
    assert "blob:" in admin["img-src"].split()


def test_previews_in_the_admin_get_the_admin_policy(client, seeded, admin_user):
    """Wagtail renders a preview through a request for the page's own URL,
    which gets the site's policy; the editor frames it, so it must not keep
    frame-ancestors 'none'."""
    client.force_login(admin_user)
    plant = PlantProfilePage.objects.filter(locale__language_code="es").first()
    response = client.get(f"/admin/pages/{plant.pk}/view_draft/")
    assert response.status_code == 200
    assert plant.title in response.content.decode()
    assert policy(response)["frame-ancestors"] == "'self'"


TEMPLATE_FILES = sorted(
    path
    for path in (Path(settings.PROJECT_DIR)).glob("**/templates/**/*.html")
    if ".venv" not in path.parts
)
TAG_MODULES = sorted(Path(settings.PROJECT_DIR).glob("**/templatetags/*.py"))


@pytest.mark.parametrize(
    "path",
    TEMPLATE_FILES + TAG_MODULES,
    ids=lambda path: str(path.relative_to(settings.PROJECT_DIR)),
)
def test_no_inline_code_in_templates_or_template_tags(path):
    """Also covers templates no page type above reaches (errors, blocks)."""
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", text, re.IGNORECASE)
    assert not re.search(r"<style\b", text, re.IGNORECASE)
    assert not re.search(r"""\sstyle\s*=\s*["']""", text, re.IGNORECASE)
    assert not re.search(r"""\son[a-z]+\s*=\s*["']""", text, re.IGNORECASE)
