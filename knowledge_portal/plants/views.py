"""Proposing a new plant: the contribution form's plant kind."""

from django.utils import translation
from django.utils.translation import gettext as _

from knowledge_portal.protocols.submissions.views import (
    contribution_form_page,
    contributor_required,
)

from . import services
from .forms import PlantForm


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
