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

from . import services
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


@contributor_required
def new_plant(request):
    form = PlantForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and ratelimits.contribution_limited(request):
        return ratelimits.too_many_attempts(
            request,
            "contributions/form.html",
            form,
            {"kind": "plant"},
            user=request.user,
        )
    if request.method == "POST" and form.is_valid():
        services.submit_plant(
            request.user, form.cleaned_data, translation.get_language()
        )
        messages.success(request, _("Thank you! Your plant was received."))
        return redirect("my_contributions")
    return render(request, "contributions/form.html", {"form": form, "kind": "plant"})


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
    form = NoteForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and ratelimits.contribution_limited(request):
        return ratelimits.too_many_attempts(
            request,
            "contributions/form.html",
            form,
            {"kind": "note", "plant": plant},
            user=request.user,
        )
    if request.method == "POST" and form.is_valid():
        services.submit_note(request.user, plant, form.cleaned_data)
        messages.success(request, _("Thank you! Your knowledge was received."))
        return redirect("my_contributions")
    return render(
        request,
        "contributions/form.html",
        {"form": form, "kind": "note", "plant": plant},
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
