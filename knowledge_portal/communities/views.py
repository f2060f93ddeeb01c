"""Membership screens: joining with a code, asking to join, one's own
communities, and the screens where a community's managers run it. The rules
are in ``protocols.membership``; these views only call them."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knowledge_portal.core import ratelimits
from knowledge_portal.protocols import membership
from knowledge_portal.protocols.membership import MembershipRefused
from knowledge_portal.protocols.models import Community, JoinRequest, Role

from . import joining
from .forms import (
    AskToJoinForm,
    JoinCodeLifeForm,
    JoinWithCodeForm,
    RolesForm,
    SignUpWithCodeForm,
)

LOG_ENTRIES_PER_PAGE = 25
ROLE_LABELS = dict(Role.choices)


def role_labels(roles):
    return [ROLE_LABELS.get(role, role) for role in roles]


def community_join(request):
    """Join with a code: signed in, at once; otherwise with a new account
    made in the same step. ``?code=`` fills the field (a shared link)."""
    initial = {"code": request.GET.get("code", "")[:20]}
    if request.user.is_authenticated:
        form = JoinWithCodeForm(request.POST or None, initial=initial)
    else:
        initial["language"] = translation.get_language()
        form = SignUpWithCodeForm(request.POST or None, initial=initial)
    template = "communities/join.html"
    if request.method == "POST" and ratelimits.join_limited(request):
        return ratelimits.too_many_attempts(request, template, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if request.user.is_authenticated:
                return _joined(
                    request, *membership.join_with_code(request.user, data["code"])
                )
            user = joining.sign_up_with_code(
                data["username"], data["password1"], data["code"]
            )
        except MembershipRefused as error:  # the code ran out in between
            form.add_error("code", error)
        else:
            login(request, user)
            with translation.override(data["language"]):
                messages.success(request, _joined_message(form.invitation.community))
                return redirect(reverse("my_communities"))
    if request.method == "POST":
        ratelimits.count_unknown_code(request, form, field="code")
    return render(request, template, {"form": form})


def _joined_message(community):
    return _("You joined %(community)s.") % {"community": community.name}


def _joined(request, membership_row, joined):
    if joined:
        messages.success(request, _joined_message(membership_row.community))
    else:
        messages.info(
            request,
            _("You already belong to %(community)s.")
            % {"community": membership_row.community.name},
        )
    return redirect("my_communities")


@login_required
def community_ask_to_join(request, slug):
    community = get_object_or_404(Community, slug=slug)
    form = AskToJoinForm(request.POST or None)
    member = membership.membership_of(request.user, community)
    context = {"community": community, "form": form, "member": member}
    template = "communities/ask_to_join.html"
    if request.method == "POST" and not member:
        if ratelimits.join_limited(request):
            return ratelimits.too_many_attempts(request, template, form, context)
        if form.is_valid():
            membership.ask_to_join(
                request.user, community, form.cleaned_data["message"]
            )
            messages.success(request, _("Your request was sent to the managers."))
            return redirect("community_ask_to_join", slug=community.slug)
    context["waiting"] = membership.pending_request(request.user, community)
    return render(request, template, context)


@login_required
def my_communities(request):
    memberships = request.user.community_memberships.select_related("community")
    rows = [
        {
            "membership": row,
            "community": row.community,
            "roles": role_labels(row.roles),
            "manages": row.has_role(Role.MANAGER),
            "stewards": row.has_role(Role.STEWARD),
            "reviews": membership.languages_reviewed_in(row),
        }
        for row in memberships.order_by("community__name")
    ]
    waiting = JoinRequest.objects.filter(
        user=request.user, status=JoinRequest.Status.PENDING
    ).select_related("community")
    return render(request, "communities/mine.html", {"rows": rows, "waiting": waiting})


@login_required
def community_leave(request, slug):
    community = get_object_or_404(Community, slug=slug)
    if membership.membership_of(request.user, community) is None:
        raise Http404
    if request.method == "POST":
        try:
            membership.leave(request.user, community)
        except MembershipRefused as error:
            messages.error(request, error.messages[0])
        else:
            messages.success(
                request, _("You left %(community)s.") % {"community": community.name}
            )
        return redirect("my_communities")
    return render(request, "communities/leave.html", {"community": community})


# The manager's screens ------------------------------------------------------


def manager_only(view):
    """Only the community's managers, right now; for anyone else, superusers
    included, the screen does not exist (a 404 that names nothing)."""

    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        community = Community.objects.filter(slug=slug).first()
        if community is None or not membership.manages(request.user, community):
            raise Http404
        try:
            return view(request, community, *args, **kwargs)
        except PermissionDenied:
            raise Http404 from None

    return wrapped


def _manage(request, community, template, section, **context):
    pending = community.join_requests.filter(status=JoinRequest.Status.PENDING)
    context.update(community=community, section=section, pending_count=pending.count())
    return render(request, template, context)


def _refused(request, error):
    messages.error(request, error.messages[0])


@manager_only
def community_members(request, community):
    rows = [
        {"membership": row, "roles": role_labels(row.roles)}
        for row in community.memberships.select_related("user").order_by(
            "user__username"
        )
    ]
    return _manage(
        request, community, "communities/manage/members.html", "members", rows=rows
    )


def _member(community, pk):
    return get_object_or_404(community.memberships.select_related("user"), pk=pk)


@manager_only
def community_member(request, community, pk):
    row = _member(community, pk)
    form = RolesForm(request.POST or None, initial={"roles": row.roles})
    if request.method == "POST" and form.is_valid():
        try:
            membership.set_roles(request.user, row, form.cleaned_data["roles"])
        except MembershipRefused as error:
            _refused(request, error)
        else:
            messages.success(request, _("Roles saved."))
            return redirect("community_members", slug=community.slug)
    return _manage(
        request,
        community,
        "communities/manage/member.html",
        "members",
        row=row,
        form=form,
    )


@manager_only
def community_member_remove(request, community, pk):
    row = _member(community, pk)
    if request.method == "POST":
        try:
            membership.remove_member(request.user, row)
        except MembershipRefused as error:
            _refused(request, error)
            return redirect("community_member", slug=community.slug, pk=row.pk)
        messages.success(
            request,
            _("%(name)s no longer belongs to the community.")
            % {"name": row.user.get_username()},
        )
        return redirect("community_members", slug=community.slug)
    return _manage(
        request, community, "communities/manage/member_remove.html", "members", row=row
    )


@manager_only
def community_codes(request, community):
    form = JoinCodeLifeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = membership.make_join_code(
                request.user, community, form.cleaned_data["days"]
            )
        except MembershipRefused as error:
            form.add_error("days", error)
        else:
            messages.success(
                request, _("New join code: %(code)s") % {"code": invitation.code}
            )
            return redirect(
                reverse("community_codes", args=[community.slug])
                + f"#code-{invitation.pk}"
            )
    now = timezone.now()
    join_url = request.build_absolute_uri(reverse("community_join"))
    codes = [
        {
            "invitation": invitation,
            "usable": invitation.is_usable(now),
            "share_url": f"{join_url}?code={invitation.code}",
        }
        for invitation in community.invitations.select_related("created_by")[:50]
    ]
    return _manage(
        request,
        community,
        "communities/manage/codes.html",
        "codes",
        form=form,
        codes=codes,
    )


@manager_only
@require_POST
def community_code_revoke(request, community, pk):
    invitation = get_object_or_404(community.invitations, pk=pk)
    membership.revoke_join_code(request.user, invitation)
    messages.success(
        request, _("The code %(code)s no longer works.") % {"code": invitation.code}
    )
    return redirect("community_codes", slug=community.slug)


@manager_only
def community_requests(request, community):
    waiting = community.join_requests.filter(
        status=JoinRequest.Status.PENDING
    ).select_related("user")
    return _manage(
        request,
        community,
        "communities/manage/requests.html",
        "requests",
        waiting=waiting,
    )


@manager_only
@require_POST
def community_request_decide(request, community, pk, decision):
    join_request = get_object_or_404(community.join_requests, pk=pk)
    decide = {
        "approve": membership.approve_request,
        "refuse": membership.refuse_request,
    }
    if decision not in decide:
        raise Http404
    try:
        decide[decision](request.user, join_request)
    except MembershipRefused as error:
        _refused(request, error)
    else:
        name = join_request.user.get_username()
        if decision == "approve":
            messages.success(request, _("%(name)s is now a member.") % {"name": name})
        else:
            messages.success(
                request, _("The request of %(name)s was refused.") % {"name": name}
            )
    return redirect("community_requests", slug=community.slug)


@manager_only
def community_log(request, community):
    entries = community.log_entries.select_related("actor", "subject")
    page = Paginator(entries, LOG_ENTRIES_PER_PAGE).get_page(request.GET.get("page"))
    for entry in page:
        entry.roles_before = role_labels(entry.detail.get("before", ()))
        entry.roles_after = role_labels(
            entry.detail.get("after", entry.detail.get("roles", ()))
        )
    return _manage(request, community, "communities/manage/log.html", "log", page=page)
