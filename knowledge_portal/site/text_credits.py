"""A text's credit as a page shows it: "Translated by Rosa (Kallari), 7 dic
2026", who confirmed it, and its recording where the visitor may hear it.

Communities are named by slug in the record (their names may change) and
looked up once per page; recordings once per page, each through the access
rule (``can_view_media``). A page without records asks nothing.
"""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from knowledge_portal.core import formatting, shared_cache
from knowledge_portal.protocols.access import can_view_media
from knowledge_portal.protocols.models import Community, Recording


def _records(page):
    return [
        entry
        for entry in (page.translation_status or {}).values()
        if isinstance(entry, dict)
    ]


def _community_names(page):
    names = getattr(page, "_credit_community_names", None)
    if names is None:
        slugs = set()
        for entry in _records(page):
            people = [entry.get("credit"), entry.get("reviewed")]
            people += entry.get("confirmations") or []
            people.append((entry.get("audio") or {}).get("credit"))
            slugs |= {person.get("community") for person in people if person}
        slugs.discard(None)
        # The same for every visitor: kept in the shared cache, which any
        # change to a community renews.
        names = shared_cache.get_or_compute(
            "community-names",
            sorted(slugs),
            lambda: dict(
                Community.objects.filter(slug__in=slugs).values_list("slug", "name")
            ),
        )
        page._credit_community_names = names
    return names


def _recordings(page):
    found = getattr(page, "_text_recordings", None)
    if found is None:
        ids = {(entry.get("audio") or {}).get("recording") for entry in _records(page)}
        ids.discard(None)
        found = Recording.objects.in_bulk(ids) if ids else {}
        page._text_recordings = found
    return found


def who(person, communities):
    """ "Rosa (Kallari)", "Rosa", or "the Kallari community"."""
    slug = person.get("community")
    community = communities.get(slug, slug)
    if person.get("name"):
        if community:
            return f"{person['name']} ({community})"
        return person["name"]
    if community:
        return _("the %(community)s community") % {"community": community}
    return ""


def when(person):
    try:
        day = datetime.date.fromisoformat(person.get("date") or "")
    except ValueError:
        return ""
    return formatting.format_date(day, format="medium")


def _line(person, communities):
    return {"who": who(person, communities), "date": when(person)}


def shown(user, page, record):
    """What the page says about one text's record (see module docstring)."""
    communities = _community_names(page)
    audio = None
    audio_record = record.get("audio") or {}
    if audio_record.get("recording"):
        recording = _recordings(page).get(audio_record["recording"])
        if recording is not None and can_view_media(user or AnonymousUser(), recording):
            audio = {
                "recording": recording,
                "credit": _line(audio_record.get("credit") or {}, communities),
            }
    credit = record.get("credit")
    reviewed = record.get("reviewed")
    return {
        "language": translation.get_language(),
        "credit": _line(credit, communities) if credit else None,
        # Reviewed by who wrote it: the credit says enough.
        "reviewed": _line(reviewed, communities)
        if reviewed and reviewed != credit
        else None,
        "confirmations": [
            _line(person, communities) for person in record.get("confirmations") or []
        ],
        "audio": audio,
    }
