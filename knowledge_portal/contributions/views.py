"""Front-end pages where chakramamas contribute. Rules live in services.py;
what every contribution form shares is in protocols.submissions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from knowledge_portal.core.collation import sort_key
from knowledge_portal.protocols.access import visible_pages
from knowledge_portal.protocols.submissions.views import (
    contribution_form_page,
    contributor_required,
)

from . import services
from .forms import NoteForm
from .models import Contribution, KnowledgeNotePage


@contributor_required
def start(request):
    return render(request, "contributions/start.html")


def pages_notes_go_under():
    """Live pages of the types a knowledge note may be added to (its
    declared parent types: plant profiles)."""
    return (
        Page.objects.live()
        .type(*KnowledgeNotePage.allowed_parent_page_models())
        .specific()
    )


@contributor_required
def choose_plant(request):
    plants = visible_pages(
        request.user, pages_notes_go_under().public().filter(locale=Locale.get_active())
    )
    language = translation.get_language()
    plants = sorted(plants, key=lambda plant: sort_key(plant.title, language))
    return render(request, "contributions/choose_plant.html", {"plants": plants})


@contributor_required
def new_note(request, plant_id):
    plant = get_object_or_404(
        visible_pages(request.user, pages_notes_go_under()), pk=plant_id
    )
    return contribution_form_page(
        request,
        NoteForm,
        {"kind": "note", "plant": plant},
        lambda data: services.submit_note(request.user, plant, data),
        _("Thank you! Your knowledge was received."),
    )


@login_required
def my_contributions(request):
    items = [
        {"contribution": item, "status": item.status()}
        for item in Contribution.objects.filter(
            contributor=request.user
        ).select_related("page")
    ]
    return render(request, "contributions/mine.html", {"items": items})
