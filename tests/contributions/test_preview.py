"""Editors preview a knowledge note as its plant's page will show it."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import querydict_from_html

from knowledge_portal.contributions.models import KnowledgeNotePage
from knowledge_portal.plants.models import PlantProfilePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(seeded):
    plant = PlantProfilePage.objects.get(
        slug="ilex-guayusa", locale=Locale.objects.get(language_code="es")
    )
    note = KnowledgeNotePage(
        title="Guayusa al amanecer",
        slug="guayusa-al-amanecer",
        kind="practice",
        text="Se toma antes del alba.",
        credit_line="Rosa Grefa",
        locale=plant.locale,
    )
    plant.add_child(instance=note)
    note.save_revision().publish()
    return note


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("editora", "x" * 12))
    return client


def test_the_admin_preview_shows_the_edited_note_in_the_site_layout(
    editor_client, note
):
    edit = editor_client.get(reverse("wagtailadmin_pages:edit", args=[note.pk]))
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form")
    data["text"] = "Se toma antes del alba, con la familia."
    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[note.pk])

    posted = editor_client.post(preview, data)
    assert posted.json() == {"is_valid": True, "is_available": True}
    response = editor_client.get(preview)

    assert response.status_code == 200
    document = BeautifulSoup(response.content, "html.parser")
    shown = document.select_one(f"main #notes article#note-{note.pk}")
    assert "Se toma antes del alba, con la familia." in shown.get_text()
    assert "Rosa Grefa" in shown.select_one(".credit").get_text()
    assert document.select_one("main h1").get_text() == note.get_parent().title
    assert document.select_one("#site-search")  # the site's own header


def test_the_note_in_the_preview_is_the_one_on_the_plant_page(client, note):
    plant_page = BeautifulSoup(client.get(note.get_parent().url).content, "html.parser")
    request = client.get(note.get_parent().url).wsgi_request
    preview = BeautifulSoup(
        note.serve_preview(request, note.default_preview_mode).render().content,
        "html.parser",
    )
    on_plant_page = plant_page.select_one(f"#note-{note.pk}")
    assert on_plant_page is not None
    assert str(preview.select_one(f"#note-{note.pk}")) == str(on_plant_page)


def test_a_notes_own_address_leads_to_it_on_its_plant_page(client, note):
    response = client.get(note.url)
    assert response.status_code == 302
    assert response["Location"] == f"{note.get_parent().url}#note-{note.pk}"
