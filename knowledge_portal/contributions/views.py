"""Front-end pages where chakramamas contribute. Rules live in services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from knowledge_portal.core import ratelimits, roles
from knowledge_portal.core.collation import sort_key
from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.access import visible_pages

from . import kept_uploads, services
from .forms import NoteForm, PlantForm
from .models import Contribution


def contributor_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not roles.can_contribute(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


@contributor_required
def start(request):
    return render(request, "contributions/start.html")


def contribution_form_page(request, form_class, context, submit, thanks):
    """The form of a contribution: sent, or shown again with its errors and
    with the files she chose kept for the next sending (kept_uploads)."""
    posted = request.method == "POST"
    form = form_class(
        request.POST if posted else None,
        kept_uploads.files_with_kept(request) if posted else None,
        user=request.user,
    )
    template = "contributions/form.html"
    if posted and ratelimits.contribution_limited(request):
        return ratelimits.too_many_attempts(
            request, template, form, context, user=request.user
        )
    if posted and form.is_valid():
        submit(form.cleaned_data)
        kept_uploads.discard(request)
        messages.success(request, thanks)
        return redirect("my_contributions")
    kept = kept_uploads.keep(request, form) if posted else None
    return render(request, template, {**context, "form": form, "kept": kept})


@contributor_required
def new_plant(request):
    return contribution_form_page(
        request,
        PlantForm,
        {"kind": "plant"},
        lambda data: services.submit_plant(
            request.user, data, translation.get_language()
        ),
        _("Thank you! Your plant was received."),
    )


@contributor_required
def choose_plant(request):
    plants = visible_pages(
        request.user,
        PlantProfilePage.objects.live().public().filter(locale=Locale.get_active()),
    )
    language = translation.get_language()
    plants = sorted(plants, key=lambda plant: sort_key(plant.title, language))
    return render(request, "contributions/choose_plant.html", {"plants": plants})


@contributor_required
def new_note(request, plant_id):
    plant = get_object_or_404(
        visible_pages(request.user, PlantProfilePage.objects.live()), pk=plant_id
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
