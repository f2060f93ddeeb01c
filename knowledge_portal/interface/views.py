"""The language reviewers' screen for the interface strings of their
language: what awaits translation or review, the Spanish and English beside
each, and a form to write, review or confirm it."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from knowledge_portal.core.languages import site_language
from knowledge_portal.core.text_status import TextStatus

from . import services
from .catalog import language_catalog
from .forms import StringForm
from .models import InterfaceString
from .validation import placeholders

PER_PAGE = 20
AWAITING_TRANSLATION = TextStatus.AWAITING_TRANSLATION.value
AWAITING_REVIEW = TextStatus.AWAITING_REVIEW.value
REVIEWED = TextStatus.COMMUNITY_REVIEWED.value
STATES = {
    "": _("Awaiting translation or review"),
    AWAITING_TRANSLATION: TextStatus.AWAITING_TRANSLATION.label,
    AWAITING_REVIEW: TextStatus.AWAITING_REVIEW.label,
    REVIEWED: TextStatus.COMMUNITY_REVIEWED.label,
}
#: How long a search may be: it is looked for in every string.
MAX_QUERY = 100


@dataclass
class Entry:
    message: object
    row: object
    proposal: object
    status: str
    texts: list
    form: object = None
    can_review: bool = False
    can_confirm: bool = False

    @property
    def status_label(self):
        return TextStatus(self.status).label

    @property
    def placeholders(self):
        return sorted(
            set(placeholders(self.message.msgid))
            | set(placeholders(self.message.msgid_plural))
        )


def _target_language(request):
    """The language whose interface she works on: the page's, or on a
    Spanish page the one she asks for (or reviews)."""
    language = get_language()
    if language in services.WRITTEN_HERE:
        return language
    asked = request.GET.get("language")
    if asked in services.WRITTEN_HERE:
        return asked
    for code in sorted(services.WRITTEN_HERE, key=["qu", "jiv"].index):
        if services.may_work_on(request.user, code):
            return code
    raise Http404


def _entries(user, language, catalog):
    rows = {
        (row.context, row.msgid): row
        for row in InterfaceString.objects.filter(language=language)
        .select_related("author", "reviewer")
        .prefetch_related("confirmations")
    }
    proposals = services.shipped_proposals(language)
    entries = []
    for message in sorted(
        catalog.messages, key=lambda m: (m.where, m.spread, m.position)
    ):
        row = rows.get((message.context, message.msgid))
        proposal = proposals.get(message.msgid)
        status, texts = services.state_of(message, row, proposal)
        entry = Entry(message, row, proposal, status, texts)
        entry.can_review = status == AWAITING_REVIEW and (
            row is None or services.may_review(user, row)
        )
        entry.can_confirm = row is not None and services.may_confirm(user, row)
        entries.append(entry)
    return entries


def _matches(entry, query):
    query = query.casefold()
    texts = (
        entry.message.msgid,
        entry.message.msgid_plural,
        *entry.message.spanish,
        *entry.texts,
    )
    return any(query in text.casefold() for text in texts)


def _filtered(entries, state, query):
    if state:
        entries = [e for e in entries if e.status == state]
    else:
        entries = [e for e in entries if e.status != REVIEWED]
    if query:
        entries = [e for e in entries if _matches(e, query)]
    return entries


def _form(entry, language, catalog, credits, data=None):
    return StringForm(
        data,
        message=entry.message,
        catalog=catalog,
        language=language,
        credits=credits,
        texts=entry.texts,
    )


def _render(request, language, catalog, failed=None):
    state = request.GET.get("state", "")
    state = state if state in STATES else ""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    credits = services.credit_choices(request.user, language)
    entries = _entries(request.user, language, catalog)
    shown = _filtered(entries, state, query)
    if failed:
        # Her text comes back to her first, whatever the filters and page say.
        key = failed.message.key
        shown = [
            next(e for e in entries if e.message.key == key),
            *(e for e in shown if e.message.key != key),
        ]
    page = Paginator(shown, PER_PAGE).get_page(1 if failed else request.GET.get("page"))
    for entry in page:
        if failed and entry.message.key == failed.message.key:
            entry.form = failed
        else:
            entry.form = _form(entry, language, catalog, credits)
    counts = [
        (STATES[status], sum(1 for e in entries if e.status == status))
        for status in (AWAITING_TRANSLATION, AWAITING_REVIEW, REVIEWED)
    ]
    return render(
        request,
        "interface/interface_strings.html",
        {
            "language": site_language(language),
            "entries": page,
            "counts": counts,
            "total": len(entries),
            "shown": len(shown),
            "states": STATES.items(),
            "state": state,
            "query": query,
            "single_credit": len(credits) == 1,
        },
    )


@require_http_methods(["GET", "POST"])
def interface_strings(request):
    language = _target_language(request)
    if not services.may_work_on(request.user, language):
        raise Http404
    catalog = language_catalog(language)
    if request.method == "GET":
        return _render(request, language, catalog)
    message = catalog.by_anchor(request.POST.get("string", ""))
    if message is None:
        raise Http404
    entry = next(
        e for e in _entries(request.user, language, catalog) if e.message == message
    )
    form = _form(
        entry,
        language,
        catalog,
        services.credit_choices(request.user, language),
        data=request.POST,
    )
    if form.is_valid():
        try:
            done = _act(request, language, catalog, message, form)
        except services.Refused as refusal:
            form.add_error(None, refusal)
        except PermissionDenied as denied:
            raise Http404 from denied
        else:
            messages.success(request, done)
            return redirect(f"{request.get_full_path()}#{message.anchor}")
    return _render(request, language, catalog, failed=form)


def _act(request, language, catalog, message, form):
    action, credit = form.cleaned_data["action"], form.cleaned_data["credit"]
    user = request.user
    if action == StringForm.SAVE:
        row = services.write_texts(
            user, language, catalog, message, form.texts(), credit
        )
        if row is None:
            return _("Nothing changed: the text is the same.")
        return _("Saved. It now shows on every page, awaiting review.")
    if (
        form.texts()
        and any(form.texts())
        and form.texts() != _current(message, language)
    ):
        raise services.Refused(
            _("You changed the text: save it first. Another reviewer then reviews it."),
            code="changed",
        )
    if action == StringForm.REVIEW:
        services.mark_reviewed(user, language, message, credit)
        return _("Marked as reviewed by the community.")
    services.confirm(user, language, message, credit)
    return _("Confirmed. Thank you.")


def _current(message, language):
    row = services.row_for(language, message)
    return list(row.texts) if row else list(message.shipped)
