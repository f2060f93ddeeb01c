"""Memberships, join codes and requests to join in the Wagtail admin.

An editor sees only those of the communities she manages (superusers see
all). Edits go through the same rules as the front end
(``protocols.membership``): the last manager stays, nobody gives herself a
role, every change is logged. A superuser may act in any community here, so
that a new community gets its first manager. Join codes and requests are
only read here: managers make and answer them on the site.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from knowledge_portal.protocols import membership
from knowledge_portal.protocols.membership import MembershipRefused
from knowledge_portal.protocols.models import (
    Community,
    Invitation,
    JoinRequest,
    Membership,
    Role,
)


def communities_shown_to(user):
    if user.is_superuser:
        return Community.objects.all()
    return membership.managed_communities(user)


class CommunityScopedPolicy(ModelPermissionPolicy):
    """Django's model permissions, and then only rows of the communities she
    manages; ``read_only`` models may only be viewed."""

    def __init__(self, model, read_only=False):
        super().__init__(model)
        self.read_only = read_only

    def user_has_permission(self, user, action):
        if not self.read_only:
            return super().user_has_permission(user, action)
        return action == "view" and any(
            super(CommunityScopedPolicy, self).user_has_permission(user, granted)
            for granted in ("view", "change")
        )

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action) and (
            communities_shown_to(user).filter(pk=instance.community_id).exists()
        )

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(
            community__in=communities_shown_to(user)
        )


register_permission_policy(Membership, CommunityScopedPolicy(Membership))
register_permission_policy(Invitation, CommunityScopedPolicy(Invitation, True))
register_permission_policy(JoinRequest, CommunityScopedPolicy(JoinRequest, True))


class MembershipForm(WagtailAdminModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities_shown_to(self.for_user)
        if self.instance.pk:
            # Who and where stay; only the roles change.
            self.fields["community"].disabled = True
            self.fields["user"].disabled = True


class ScopedObjectMixin:
    """Only rows of the communities she may manage here; others are 404
    (editing and deleting find the row in ``get_queryset``, history and
    usage in ``get_base_object_queryset``)."""

    def get_queryset(self):
        return self.model._default_manager.filter(
            community__in=communities_shown_to(self.request.user)
        )

    def get_base_object_queryset(self):
        return self.get_queryset()


class ScopedInspectView(ScopedObjectMixin, snippets.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=unquote(str(self.pk)))


class ScopedHistoryView(ScopedObjectMixin, snippets.HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, snippets.UsageView):
    pass


class ScopedSnippetViewSet(SnippetViewSet):
    """Listing and every screen of one row: only her communities' rows."""

    inspect_view_class = ScopedInspectView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    list_filter = ["community"]

    def get_queryset(self, request):
        return self.model.objects.filter(
            community__in=communities_shown_to(request.user)
        ).select_related("community")


class MembershipCreateView(snippets.CreateView):
    def form_valid(self, form):
        self.form = form
        data = form.cleaned_data
        try:
            with transaction.atomic():
                self.object = membership.add_member(
                    self.request.user,
                    data["community"],
                    data["user"],
                    data["roles"],
                    as_site_admin=True,
                )
        except (MembershipRefused, PermissionDenied) as error:
            return self._refused(form, error)
        return self.save_action()

    def _refused(self, form, error):
        if isinstance(error, PermissionDenied):
            error = _("You do not manage this community.")
        form.add_error(None, error)
        self.produced_error_message = self.get_error_message()
        return self.form_invalid(form)


class MembershipEditView(ScopedObjectMixin, snippets.EditView):
    def form_valid(self, form):
        self.form = form
        try:
            self.object = membership.set_roles(
                self.request.user,
                Membership.objects.get(pk=self.object.pk),
                form.cleaned_data["roles"],
                as_site_admin=True,
            )
        except (MembershipRefused, PermissionDenied) as error:
            return MembershipCreateView._refused(self, form, error)
        return self.save_action()


class MembershipDeleteView(ScopedObjectMixin, snippets.DeleteView):
    def form_valid(self, form):
        try:
            membership.remove_member(self.request.user, self.object, as_site_admin=True)
        except MembershipRefused as error:
            messages.error(self.request, error.messages[0])
            return redirect(self.get_success_url())
        except PermissionDenied:
            raise Http404 from None
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url())


class MembershipViewSet(ScopedSnippetViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Memberships")
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    list_display = ["user", "community", "roles", "joined_at"]
    search_fields = ["user__username", "community__name"]
    edit_handler = ObjectList(
        [FieldPanel("community"), FieldPanel("user"), FieldPanel("roles")],
        base_form_class=MembershipForm,
    )


class ScopedReadOnlyViewSet(ScopedSnippetViewSet):
    inspect_view_enabled = True


class InvitationViewSet(ScopedReadOnlyViewSet):
    model = Invitation
    icon = "key"
    menu_label = _("Join codes")
    list_display = ["code", "community", "created_at", "expires_at", "revoked_at"]


class JoinRequestViewSet(ScopedReadOnlyViewSet):
    model = JoinRequest
    icon = "mail"
    menu_label = _("Requests to join")
    list_display = ["user", "community", "status", "created_at"]


class MembershipViewSetGroup(SnippetViewSetGroup):
    items = (MembershipViewSet, InvitationViewSet, JoinRequestViewSet)
    menu_icon = "group"
    menu_label = _("Memberships")
    menu_name = "memberships"
