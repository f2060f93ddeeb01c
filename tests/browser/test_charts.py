"""The pictures on a phone: the layers diagram on the plant index and the
class's progress bars, in Spanish, Kichwa and Shuar (the calendar: test_months)."""

from django.contrib.auth.models import Group
from playwright.sync_api import expect

from knowledge_portal.core import roles
from knowledge_portal.guides.models import GuidePage
from knowledge_portal.learning import services
from knowledge_portal.learning.models import Assignment, Completion, LessonPage
from knowledge_portal.plants.models import PlantIndexPage
from tests.browser.phone import browser_test

pytestmark = browser_test

PASSWORD = "a-long-passphrase-9"


def test_the_layers_diagram_on_a_phone(phone):
    page = phone.page
    for code in ("es", "qu", "jiv"):
        index = PlantIndexPage.objects.get(locale__language_code=code)
        phone.open(index.url)
        chart = page.locator("#layers svg")
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert 300 <= box["width"] <= 360
        # Every chip is a link a finger can hit, and leads to its plant.
        chips = chart.locator("a")
        assert chips.count() > 20
        chip = chips.first.bounding_box()
        assert chip["height"] >= 36
        phone.check(f"layers-{code}")
    chips.first.click()
    expect(page.locator("article.plant h1")).to_be_visible()
    phone.check("layers-chip-followed")


def test_the_progress_bars_on_a_phone(phone, django_user_model):
    teacher = django_user_model.objects.create_user("profe-ana", password=PASSWORD)
    teacher.groups.add(Group.objects.get(name=roles.TEACHER))
    school_class = services.create_class(teacher, "Escuela Wiñak", "Chakra 2026")
    learners = [
        services.create_learner(name, PASSWORD, "es", school_class)
        for name in ("sisa", "nina", "yaku")
    ]
    lesson = LessonPage.objects.get(
        slug="la-chakra-sistema-vivo", locale__language_code="es"
    )
    guide = GuidePage.objects.filter(locale__language_code="es").first()
    for assigned in (lesson, guide):
        Assignment.objects.create(
            school_class=school_class, page=assigned, assigned_by=teacher
        )
    for learner in learners[:2]:
        Completion.objects.create(
            learner=learner, translation_key=lesson.translation_key
        )
    page = phone.page
    phone.open(f"/es/classes/{school_class.pk}/")
    phone.sign_in("profe-ana", PASSWORD)
    for code in ("es", "qu", "jiv"):
        if code != "es":
            phone.open(f"/{code}/classes/{school_class.pk}/")
        chart = page.locator("svg.chart-bars")
        chart.scroll_into_view_if_needed()
        expect(chart.locator("text.chart-number")).to_have_text(["2/3", "0/3"])
        assert 300 <= chart.bounding_box()["width"] <= 360
        phone.check(f"progress-{code}")
