"""Views that are not Wagtail pages: translation gaps, review, server error."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.decorators.http import require_POST
from wagtail.models import Locale, Page

from knowledge_portal.protocols.access import can_view_page, visible_pages
from knowledge_portal.protocols.membership import reviews_language

from . import review


def untranslated(request, translation_key):
    """Where the language switcher leads when a page lacks this language.

    It redirects when the translation exists (it may have been published since
    the link was made); otherwise it says so in the visitor's language and
    offers the languages the page exists in, instead of a 404.
    """
    language = translation.get_language()
    versions = list(
        visible_pages(request.user, Page.objects.live().public())
        .filter(translation_key=translation_key)
        .select_related("locale")
        .order_by("locale__language_code")
        .specific()  # a title awaiting translation is shown marked as Spanish
    )
    for page in versions:
        if page.locale.language_code == language:
            return redirect(page.url)
    context = {"versions": versions, "title": versions[0].title if versions else ""}
    status = 200 if versions else 404
    return render(request, "core/untranslated.html", context, status=status)


def review_list(request):
    """Everything in this language that awaits translation or review."""
    locale = Locale.get_active()
    pages, names = review.pending_content(locale, request.user)
    language = translation.get_language()
    ui_rows = [
        row
        for row in review.parse_review_rows(_review_text())
        if row.language == language
    ]
    reviewer = reviews_language(request.user, language)
    source = language == settings.LANGUAGE_CODE
    for item in pages:
        item["can_edit"] = item["page"].permissions_for_user(request.user).can_edit()
        # Texts are written, recorded and reviewed in the translation workbench.
        item["in_workbench"] = not source and (item["can_edit"] or reviewer)
    return render(
        request,
        "core/review_list.html",
        {
            "pending_pages": pages,
            "pending_names": names,
            "ui_rows": ui_rows,
            "can_mark_names": reviewer,
            "workbench": not source
            and (reviewer or request.user.has_perm("wagtailadmin.access_admin")),
        },
    )


def may_mark_reviewed(user, page, language):
    """Editors of the page, and the language reviewers of a community for
    a name in their language on a page they may see."""
    if page.permissions_for_user(user).can_edit():
        return True
    return reviews_language(user, language) and can_view_page(user, page)


@require_POST
def mark_reviewed(request):
    """Record that the community reviewed one vernacular name (texts are
    reviewed in the translation workbench)."""
    page = get_object_or_404(Page, pk=request.POST.get("page")).specific
    if not hasattr(page, "names"):
        raise Http404
    name = get_object_or_404(page.names.all(), pk=request.POST.get("name") or 0)
    if not may_mark_reviewed(request.user, page, name.language):
        raise PermissionDenied
    try:
        review.mark_name_reviewed(name)
    except ValueError:
        messages.error(request, _("This name does not await review."))
    else:
        messages.success(request, _("Marked as reviewed by the community."))
    return redirect("review_list")


def _review_text():
    try:
        return review.review_file().read_text(encoding="utf-8")
    except FileNotFoundError:
        return ""


@requires_csrf_token
def server_error(request):
    """The 500 page in the site's layout and the visitor's language.

    Like Django's own handler it renders from a bare context, without the
    request, the session or the database, which may be what failed; if even
    that fails, Django's plain page answers.
    """
    try:
        html = loader.render_to_string(
            "500.html", {"site_name": settings.WAGTAIL_SITE_NAME}
        )
    except Exception:
        # Django's words when 500.html is missing.
        return HttpResponseServerError("<h1>Server Error (500)</h1>")
    return HttpResponseServerError(html)
