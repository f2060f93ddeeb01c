"""Every page type and form, at 360 x 740, in each language of the site.

``Phone.check`` measures each page: no sideways scroll, no console error,
single-line fields 44-56 px tall, links and controls at least 24 x 24 px, and
nothing serious or critical for axe-core. This visits every kind of page a
visitor, a learner, a teacher and a chakramama meet, error pages included,
so that a template or stylesheet change that breaks one fails here.
"""

import shutil

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from knowledge_portal.core import roles
from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning import services
from knowledge_portal.learning.models import Assignment, Completion
from knowledge_portal.learning.models.pages import CoursePage, LessonPage, ModulePage
from knowledge_portal.plants.models import PlantIndexPage, PlantProfilePage
from knowledge_portal.protocols.models import Community
from knowledge_portal.site.models import HomePage
from tests.browser.phone import browser_test

pytestmark = browser_test

LANGUAGES = ["es", "qu", "jiv"]
PASSWORD = "a-long-passphrase-9"


def first(model, language):
    page = (
        model.objects.live()
        .public()
        .filter(locale__language_code=language)
        .order_by("path")
        .first()
    )
    assert page is not None, f"no {model.__name__} in {language}"
    return page


def person(django_user_model, username, role):
    user = django_user_model.objects.create_user(username, password=PASSWORD)
    user.groups.add(Group.objects.get(name=role))
    return user


def sign_in(phone, language, username):
    phone.open(f"/{language}/accounts/login/")
    phone.sign_in(username, PASSWORD)
    expect(phone.page).not_to_have_url(phone.url(f"/{language}/accounts/login/"))
    phone.check("signed-in")


def in_language(phone, language):
    expect(phone.page.locator("html")).to_have_attribute("lang", language)
    expect(phone.page.locator("body > main")).to_have_count(1)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_s_pages(phone, language):
    page = phone.page
    for label, model in (
        ("home", HomePage),
        ("plants", PlantIndexPage),
        ("plant", PlantProfilePage),
        ("guide", GuidePage),
        ("course", CoursePage),
        ("module", ModulePage),
        ("lesson", LessonPage),
    ):
        phone.open(first(model, language).url)
        in_language(phone, language)
        phone.check(label)

    phone.open(first(PlantIndexPage, language).url)
    page.locator("details.filter-panel summary").click()
    page.locator(".filters a").first.click()
    expect(page.locator('.filters [aria-current="true"]')).to_have_count(1)
    phone.check("plants-filtered")

    guide = first(GuidePage, language)
    phone.open(guide.url + "print/")
    in_language(phone, language)
    expect(page.locator('link[rel="icon"]')).to_have_count(1)
    phone.check("guide-print")

    phone.open(f"/{language}/search/?q=cacao")
    expect(page.locator(".results > li").first).to_be_visible()
    phone.check("search")

    phone.open(f"/{language}/accounts/login/")
    phone.check("sign-in")
    phone.open(f"/{language}/join/")
    phone.check("join")


@pytest.mark.parametrize("language", LANGUAGES)
def test_error_pages(phone, language, monkeypatch):
    page = phone.page
    phone.open_error(f"/{language}/no-such-page/", 404)
    in_language(phone, language)
    phone.check("404")

    monkeypatch.setattr(
        "knowledge_portal.core.ratelimits.login_limited", lambda request: True
    )
    phone.open(f"/{language}/accounts/login/")
    page.fill("#id_username", "kuri")
    page.fill("#id_password", "wrong")
    phone.expect_status(f"/{language}/accounts/login/", 429)
    with page.expect_response(lambda response: response.status == 429):
        page.locator("main form button[type=submit]").click()
    in_language(phone, language)
    expect(page.locator("main [role=alert]")).to_have_count(1)
    phone.check("429")

    shutil.rmtree(settings.WAGTAILSEARCH_BACKENDS["default"]["PATH"])
    phone.open_error(f"/{language}/search/?q=cacao", 503)
    in_language(phone, language)
    phone.check("503")


def learner_with_assignments(django_user_model, language):
    teacher = person(django_user_model, f"profe-{language}", roles.TEACHER)
    school_class = services.create_class(teacher, "Escuela Wiñak", "Chakra 2026")
    learner = services.create_learner(
        f"sisa-{language}", PASSWORD, language, school_class
    )
    # Five lessons: the progress table is wider than a phone and scrolls.
    lessons = LessonPage.objects.live().filter(locale__language_code=language)[:5]
    for lesson in lessons:
        Assignment.objects.create(
            school_class=school_class,
            page=lesson,
            assigned_by=teacher,
            due_date="2026-09-01",
        )
    Completion.objects.create(
        learner=learner, translation_key=lessons[0].translation_key
    )
    return teacher, learner


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_learner_s_pages(phone, language, django_user_model):
    _teacher, learner = learner_with_assignments(django_user_model, language)
    page = phone.page
    sign_in(phone, language, learner.username)
    phone.open(f"/{language}/my-learning/")
    expect(page.locator(".assignments .card.done")).to_have_count(1)
    phone.check("my-learning")
    # Only those who may contribute are offered the way to.
    expect(page.locator('nav.account a[href$="/contribute/"]')).to_have_count(0)

    phone.open_error(f"/{language}/contribute/", 403)
    in_language(phone, language)
    phone.check("403")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_teacher_s_pages(phone, language, django_user_model):
    teacher, _learner = learner_with_assignments(django_user_model, language)
    page = phone.page
    sign_in(phone, language, teacher.username)
    phone.open(f"/{language}/classes/")
    phone.check("classes")
    page.locator("main .cards a").first.click()
    expect(page.locator("table.progress thead th")).to_have_count(6)
    phone.check("class")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_chakramama_s_pages(phone, language, django_user_model):
    rosa = person(django_user_model, f"rosa-{language}", roles.CHAKRAMAMA)
    community, _created = Community.objects.get_or_create(
        slug="winak", defaults={"name": "Wiñak"}
    )
    community.members.add(rosa)
    plant = first(PlantProfilePage, language)
    sign_in(phone, language, rosa.username)
    for label, path in (
        ("contribute", "contribute/"),
        ("new-plant", "contribute/plant/"),
        ("choose-plant", "contribute/note/"),
        ("note", f"contribute/note/{plant.pk}/"),
        ("mine", "contribute/mine/"),
    ):
        phone.open(f"/{language}/{path}")
        in_language(phone, language)
        phone.check(label)
