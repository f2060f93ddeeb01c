"""An editor outside a community saves a public page that links to the
community's restricted items: the links are kept, unseen."""

import pytest
from bs4 import BeautifulSoup

from knowledge_portal.plants.models import PlantProfilePage

from .conftest import CANARY

pytestmark = pytest.mark.django_db


def form_data(body):
    """What the browser would send back from the edit form, unchanged."""
    form = BeautifulSoup(body, "html.parser").find("form", id="page-edit-form")
    data = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "file"):
            continue
        if field.get("type") in ("checkbox", "radio") and not field.has_attr("checked"):
            continue
        if field.name == "select":
            chosen = [
                o.get("value", "") for o in field.find_all("option", selected=True)
            ]
            if field.has_attr("multiple"):
                data[name] = chosen
            elif chosen:
                data[name] = chosen[0]
            continue
        value = field.text if field.name == "textarea" else field.get("value", "")
        data.setdefault(name, value)
    return data


def links(page):
    page = PlantProfilePage.objects.get(pk=page.pk)
    return (
        sorted(page.companions.values_list("companion_id", flat=True)),
        sorted(page.gallery_images.values_list("image_id", flat=True)),
        sorted(page.recordings.values_list("recording_id", flat=True)),
    )


def test_saving_a_public_page_keeps_its_hidden_links(client, admin_site):
    page = PlantProfilePage.objects.get(slug="ilex-guayusa", locale__language_code="es")
    before = links(page)
    client.force_login(admin_site["outside_moderator"])
    url = f"/admin/pages/{page.pk}/edit/"
    body = client.get(url).content.decode()
    assert CANARY not in body
    response = client.post(url, form_data(body))
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        errors = BeautifulSoup(response.content, "html.parser").select(".error-message")
        pytest.fail(f"the form did not save: {[e.get_text() for e in errors]}")
    revision = PlantProfilePage.objects.get(pk=page.pk).get_latest_revision()
    assert revision.user == admin_site["outside_moderator"]
    latest = revision.as_object()
    assert (
        sorted(link.companion_id for link in latest.companions.all()),
        sorted(link.image_id for link in latest.gallery_images.all()),
        sorted(link.recording_id for link in latest.recordings.all()),
    ) == before
