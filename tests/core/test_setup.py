"""`make setup` (manage.py setup_site): keeps edits, follows the configured
address, rebuilds the search index only when it is not current, and says
what it does without burying it in task logs."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from wagtail.models import Site

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.site import setup
from tests.production import run_in_production_settings

pytestmark = pytest.mark.django_db

SLUG = "ananas-comosus"
ROOT = Path(__file__).resolve().parents[2]


def run_setup():
    out = StringIO()
    call_command("setup_site", stdout=out)
    return out.getvalue()


def test_an_admin_edit_survives_setup_and_is_named(seeded, django_user_model):
    editor = django_user_model.objects.create_superuser("editora", password="x" * 12)
    page = PlantProfilePage.objects.get(slug=SLUG, locale__language_code="es")
    page.summary = "Corregido por la moderadora."
    page.save_revision(user=editor, log_action=True).publish(user=editor)

    out = run_setup()

    page.refresh_from_db()
    assert page.summary == "Corregido por la moderadora."
    assert "1 kept" in out
    assert str(settings.CONTENT_DIR / "plants" / f"{SLUG}.yaml") in out


def test_setup_points_the_site_and_the_api_at_the_configured_address(
    seeded, settings, client
):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    run_setup()
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    data = client.get("/api/v2/pages/?type=plants.PlantProfilePage&limit=1").json()
    assert data["items"][0]["meta"]["html_url"].startswith("http://127.0.0.1:8000/")


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://192.168.1.20:8000/", ("192.168.1.20", 8000)),
        ("https://chakra.example.org", ("chakra.example.org", 443)),
        ("http://portal.lan", ("portal.lan", 80)),
    ],
)
def test_point_site_at_is_idempotent(seeded, url, address):
    setup.point_site_at(url)
    site = setup.point_site_at(url)
    assert (site.hostname, site.port) == address
    assert Site.objects.filter(is_default_site=True).count() == 1


def test_a_current_index_is_not_rebuilt(seeded):
    assert not setup.search_index_is_current()
    first = run_setup()
    assert "Search index: rebuilding" in first
    assert setup.search_index_is_current()
    second = run_setup()
    assert "Search index: current, not rebuilt." in second


def test_the_index_is_stale_after_a_change_it_may_have_missed(seeded):
    setup.mark_search_index_current()
    page = PlantProfilePage.objects.get(slug=SLUG, locale__language_code="es")
    page.save_revision().publish()
    assert not setup.search_index_is_current()


def test_a_deleted_index_is_rebuilt(seeded):
    setup.mark_search_index_current()
    Path(settings.WAGTAILSEARCH_BACKENDS["default"]["PATH"], setup.STAMP_NAME).unlink()
    assert not setup.search_index_is_current()


def test_tasks_run_during_setup_are_not_logged_one_by_one(tmp_path):
    # ~2,900 "Task id=... state=RUNNING" lines at INFO buried the progress of
    # `make run`; a failed task is still logged (at ERROR).
    code = (
        "import django, logging; django.setup(); "
        "logger = logging.getLogger('django_tasks'); "
        "print(logger.isEnabledFor(logging.INFO), logger.isEnabledFor(logging.ERROR))"
    )
    output = run_in_production_settings(code, tmp_path)
    assert output.split() == ["False", "True"]


def test_make_admin_says_it_makes_a_superuser():
    makefile = (ROOT / "Makefile").read_text()
    target = re.search(r"^admin:.*?(?=^\S)", makefile, re.M | re.S).group(0)
    assert "createsuperuser" in target
    assert "superuser" in target.splitlines()[0]
    assert "editor" not in target
