"""Three of Wagtail's admin views, adjusted; urls.py routes their addresses here
before Wagtail's, so they carry the decorators Wagtail's URLs give them."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.admin import messages
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import account
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import page_viewset_registry
from wagtail.models import Page

from knowledge_portal.core import ratelimits
from knowledge_portal.core.workflows import approval_publishes
from knowledge_portal.learning.forms import keep_name_as_typed


class AdminLoginView(ratelimits.LimitedAdminLoginMixin, account.LoginView):
    """Wagtail's sign-in, under the same limits as the site's, its name field
    kept as typed like the site's."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        keep_name_as_typed(form.fields["username"])
        return form


class AccountView(account.AccountView):
    """Wagtail's account settings without the profile picture upload: the
    picture could never be shown (media files are served only for images,
    recordings and documents whose protocol allows it), and it would be a
    way for files to get in unchecked by core.uploads."""

    def get_panels(self):
        return [panel for panel in super().get_panels() if panel.name != "avatar"]


class ApprovalWorkflowActionView(WorkflowActionView):
    """Wagtail's workflow action (approving from a listing or the dashboard),
    after Wagtail's own checks: a page that would be published while lacking
    what publishing needs (``missing_to_publish()``, as a contributed plant
    without its botany) leads to its edit form, which names the missing
    fields, instead of failing when the page is saved live."""

    def post(self, request, *args, **kwargs):
        draft = self.object.specific.get_latest_revision_as_object()
        missing = getattr(draft, "missing_to_publish", list)()
        if not (
            missing and self.action_name == "approve" and approval_publishes(draft)
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


def page_workflow_action(request, *args, **kwargs):
    # Built by Wagtail's page viewset, so it keeps that viewset's settings
    # (model and permission policy); viewsets are registered after urls.py
    # is imported, hence built on use.
    viewset = page_viewset_registry.get_by_type(Page)
    view = viewset.construct_view(ApprovalWorkflowActionView)
    return view(request, *args, **kwargs)


login = never_cache(AdminLoginView.as_view())
account_settings = never_cache(require_admin_access(AccountView.as_view()))
workflow_action = never_cache(require_admin_access(page_workflow_action))
