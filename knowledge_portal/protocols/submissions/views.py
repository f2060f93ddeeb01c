"""The page of a contribution form, whatever it contributes."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from knowledge_portal.core import ratelimits

from ..membership import can_contribute
from . import kept_uploads


def contributor_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not can_contribute(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def contribution_form_page(request, form_class, context, submit, thanks):
    """The form of a contribution: sent, or shown again with its errors and
    with the files she chose kept for the next sending (kept_uploads)."""
    posted = request.method == "POST"
    form = form_class(
        request.POST if posted else None,
        kept_uploads.files_with_kept(request) if posted else None,
        user=request.user,
    )
    template = "protocols/submission_form.html"
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
