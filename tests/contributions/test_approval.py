"""A moderator approving a contributed plant that lacks what publishing needs."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import WorkflowState

from knowledge_portal.plants import services
from knowledge_portal.plants.models import PlantProfilePage

pytestmark = pytest.mark.django_db


def edit_form_data(html):
    """What the browser would send from the page edit form, as rendered."""
    form = BeautifulSoup(html, "html.parser").select_one("form#page-edit-form")
    data = {}
    for field in form.select("input[name], select[name], textarea[name]"):
        name = field["name"]
        if field.name == "select":
            chosen = field.select("option[selected]") or field.select("option")[:1]
            values = [option.get("value", option.get_text()) for option in chosen]
        elif field.name == "textarea":
            values = [field.get_text()]
        elif field.get("type") in ("checkbox", "radio"):
            if not field.has_attr("checked"):
                continue
            values = [field.get("value", "on")]
        elif field.get("type") in ("submit", "button", "file"):
            continue
        else:
            values = [field.get("value", "")]
        data.setdefault(name, []).extend(values)
    return data


def proposed_plant(user):
    contribution = services.submit_plant(
        user,
        {
            "name_es": "sacha wiru",
            "uses": ["medicinal"],
            "uses_text": "Para el dolor de estómago.",
            "practices": "",
            "credit_as": "name",
            "community": "",
            "access": "public",
            "commercial_use": False,
            "consent": True,
        },
        "es",
    )
    return PlantProfilePage.objects.get(pk=contribution.page_id)


def test_approving_a_plant_with_empty_botany_names_the_missing_fields(
    client,
    seeded,
    chakramama,
    moderator,
):
    plant = proposed_plant(chakramama)
    client.force_login(moderator)
    edit_url = reverse("wagtailadmin_pages:edit", args=(plant.pk,))
    data = edit_form_data(client.get(edit_url, HTTP_ACCEPT_LANGUAGE="es").content)
    data.update({"action-workflow-action": "true", "workflow-action-name": "approve"})
    response = client.post(edit_url, data, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"scientific_name", "family", "layer", "life_cycle"}
    assert "Esto es necesario antes de publicar." in response.content.decode()
    plant.refresh_from_db()
    assert not plant.live

    # Once the moderator fills them in, the same approval publishes it.
    data.update(
        {
            "scientific_name": ["Piper peltatum"],
            "family": ["Piperaceae"],
            "layer": ["shrub"],
            "life_cycle": ["long"],
        }
    )
    response = client.post(edit_url, data)
    assert response.status_code == 302
    plant.refresh_from_db()
    assert plant.live and plant.scientific_name == "Piper peltatum"


def test_approving_from_the_dashboard_sends_her_to_the_missing_fields(
    client, seeded, chakramama, moderator
):
    plant = proposed_plant(chakramama)
    state = WorkflowState.objects.for_instance(plant).get()
    client.force_login(moderator)
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(plant.pk, "approve", state.current_task_state.pk),
        ),
        {"comment": ""},
        HTTP_ACCEPT_LANGUAGE="es",
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse(
        "wagtailadmin_pages:edit", args=(plant.pk,)
    )
    message = " ".join(str(item) for item in response.context["messages"])
    assert "nombre científico" in message.lower()
    plant.refresh_from_db()
    assert not plant.live
