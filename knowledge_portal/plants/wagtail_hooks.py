"""Plant profiles in the admin: Wagtail's page views, with an approval that
cannot fail on a draft still lacking what publishing needs."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from .forms import approval_publishes
from .models import PlantProfilePage


class PlantWorkflowActionView(WorkflowActionView):
    """Approving from a listing or the dashboard: a plant that would be
    published without its botany goes to its edit form, which names the
    missing fields (PlantProfilePageForm), instead of failing."""

    def post(self, request, *args, **kwargs):
        draft = self.object.specific.get_latest_revision_as_object()
        missing = draft.missing_to_publish()
        if not (
            self.action_name == "approve"
            and missing
            and approval_publishes(self.object.specific)
        ):
            return super().post(request, *args, **kwargs)
        fields = ", ".join(
            str(capfirst(draft._meta.get_field(name).verbose_name)) for name in missing
        )
        messages.error(
            request,
            _("Fill in what publishing needs, then approve: %(fields)s.")
            % {"fields": fields},
        )
        edit_url = reverse("wagtailadmin_pages:edit", args=(self.object.pk,))
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return self.render_modal_json(
                request, {"step": "success", "redirect": edit_url}
            )
        return redirect(edit_url)


class PlantProfilePageViewSet(PageViewSet):
    model = PlantProfilePage
    workflow_action_view_class = PlantWorkflowActionView


@hooks.register("register_admin_viewset")
def register_plant_profile_views():
    return PlantProfilePageViewSet("plant_profile_pages")
