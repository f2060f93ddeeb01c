"""The translation workbench: thin views over ``queue`` and ``editing``.

For anyone who may not use it (not a reviewer of the language, not an
editor of the page, a page the access rule hides from her) every screen is a
404 that names nothing, as the community managers' screens are.
"""

from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited
from wagtail.models import Page

from knowledge_portal.core import ratelimits
from knowledge_portal.core.languages import DEFAULT_LANGUAGE, SITE_LANGUAGES
from knowledge_portal.core.text_status import TextStatus, TranslatedFieldsMixin
from knowledge_portal.protocols.access import can_view_media
from knowledge_portal.protocols.models import Recording
from knowledge_portal.protocols.submissions import kept_uploads

from . import editing, queue
from .forms import CreditForm, TranslationForm

TEXTS_PER_PAGE = 20
#: Texts and recordings a reviewer may send in an hour: a working session,
#: not a flood of revisions.
SAVES_PER_PERSON = "120/h"


def work_languages():
    return [
        language for language in SITE_LANGUAGES if language.code != DEFAULT_LANGUAGE
    ]


def _language(code):
    return next((lang for lang in work_languages() if lang.code == code), None)


def workbench_user(view):
    """Only who may work on ``language``; a 404 for everyone else."""

    @wraps(view)
    def wrapped(request, language, *args, **kwargs):
        work_language = _language(language)
        if work_language is None or not editing.may_use_workbench(
            request.user, language
        ):
            raise Http404
        return view(request, work_language, *args, **kwargs)

    return wrapped


def landing(request):
    """The languages she may work on, with what awaits in each."""
    languages = [
        {
            "language": language,
            "waiting": queue.count_waiting(request.user, language.code),
        }
        for language in work_languages()
        if editing.may_use_workbench(request.user, language.code)
    ]
    if not languages:
        raise Http404
    return render(request, "workbench/landing.html", {"languages": languages})


@workbench_user
def text_queue(request, language):
    show = request.GET.get("show")
    show = show if show in queue.SHOWS else queue.PENDING
    items = queue.work_queue(request.user, language.code, show)
    listing = Paginator(items, TEXTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "workbench/queue.html",
        {
            "language": language,
            "listing": listing,
            "show": show,
            "count": len(items),
        },
    )


def _text_or_404(user, language, page_id, key):
    page = Page.objects.filter(pk=page_id, live=True).select_related("locale").first()
    if page is None:
        raise Http404
    page = page.specific
    if not isinstance(page, TranslatedFieldsMixin) or not editing.may_work_on(
        user, page, language.code
    ):
        raise Http404
    slot = page.text_slot(key)
    if slot is None:
        raise Http404
    return page, slot


def _spanish(page, key):
    source = (
        type(page)
        .objects.filter(
            translation_key=page.translation_key,
            locale__language_code=DEFAULT_LANGUAGE,
        )
        .first()
    )
    slot = source.text_slot(key) if source else None
    return slot.text if slot else ""


def _audio(user, record):
    """Her language's recording of the text, if she may hear it."""
    audio = record.get("audio") or {}
    recording = Recording.objects.filter(pk=audio.get("recording")).first()
    if recording is None or not can_view_media(user, recording):
        return None
    return recording


def _context(request, language, page, slot, **context):
    record = page.text_record(slot.key)
    return {
        "language": language,
        "target": page,
        "slot": slot,
        "status_label": TextStatus(slot.status).label,
        "spanish": _spanish(page, slot.key),
        "record": record,
        "audio": _audio(request.user, record),
        "may_mark": slot.status == TextStatus.AWAITING_REVIEW,
        "may_confirm": queue.may_confirm(request.user, slot, record),
        "review_form": CreditForm(
            user=request.user, language=language.code, auto_id="review-%s"
        ),
        "confirm_form": CreditForm(
            user=request.user, language=language.code, auto_id="confirm-%s"
        ),
        **context,
    }


def _initial(page, slot):
    awaiting = slot.status == TextStatus.AWAITING_TRANSLATION
    # A text awaiting translation holds the Spanish: never offer it as hers.
    return {"text": "" if awaiting else slot.text, "revision": page.live_revision_id}


def _saves_limited(request):
    return is_ratelimited(
        request,
        group="chakra.workbench",
        key="user",
        rate=SAVES_PER_PERSON,
        method="POST",
        increment=True,
    )


@workbench_user
def text_edit(request, language, page_id, key):
    page, slot = _text_or_404(request.user, language, page_id, key)
    posted = request.method == "POST"
    form_kwargs = {"user": request.user, "language": language.code, "slot": slot}
    form = TranslationForm(
        request.POST if posted else None,
        kept_uploads.files_with_kept(request) if posted else None,
        initial=_initial(page, slot),
        **form_kwargs,
    )
    template = "workbench/edit.html"
    context = _context(request, language, page, slot)
    if posted and _saves_limited(request):
        return ratelimits.too_many_attempts(
            request, template, form, context, **form_kwargs
        )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            revision = editing.save_text(
                request.user,
                page,
                key,
                text=data["text"],
                reviewed=data["reviewed"],
                credit=form.chosen_credit(),
                seen_revision=data["revision"],
                recording=data["recording"],
            )
        except editing.StaleText as stale:
            # Both texts side by side; sending again overwrites on purpose.
            form = _again_over(request, page, form_kwargs)
            context["stale"] = stale.current
        else:
            kept_uploads.discard(request)
            if revision is None:
                messages.info(request, _("Nothing changed: the text is as it was."))
            else:
                messages.success(request, _("Saved and published. Thank you."))
            return redirect("workbench_queue", language=language.code)
    kept = kept_uploads.keep(request, form) if posted else None
    return render(request, template, {**context, "form": form, "kept": kept})


def _again_over(request, page, form_kwargs):
    """Her form again, now carrying the revision she has seen both texts of."""
    page.refresh_from_db()
    data = request.POST.copy()
    data["revision"] = str(page.live_revision_id or "")
    form = TranslationForm(data, kept_uploads.files_with_kept(request), **form_kwargs)
    form.is_valid()
    return form


def _review_action(request, language, page_id, key, action, done, refused):
    page, _slot = _text_or_404(request.user, language, page_id, key)
    form = CreditForm(request.POST, user=request.user, language=language.code)
    if not form.is_valid():
        messages.error(request, _("Choose how your work is credited."))
        return redirect("workbench_text", language.code, page_id, key)
    try:
        action(
            request.user, page, key, form.chosen_credit(), form.cleaned_data["revision"]
        )
    except editing.StaleText:
        messages.error(
            request, _("This text changed since you opened it: read it again.")
        )
        return redirect("workbench_text", language.code, page_id, key)
    except ValueError:
        messages.error(request, refused)
        return redirect("workbench_text", language.code, page_id, key)
    messages.success(request, done)
    return redirect("workbench_queue", language=language.code)


@require_POST
@workbench_user
def text_mark_reviewed(request, language, page_id, key):
    return _review_action(
        request,
        language,
        page_id,
        key,
        editing.mark_reviewed,
        _("Marked as reviewed by the community."),
        _("This text does not await review."),
    )


@require_POST
@workbench_user
def text_confirm(request, language, page_id, key):
    return _review_action(
        request,
        language,
        page_id,
        key,
        lambda user, page, key, credit, _seen: editing.confirm(user, page, key, credit),
        _("Your confirmation is recorded."),
        _("You cannot confirm this text."),
    )
