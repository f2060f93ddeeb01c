"""What ``manifest.json`` says of each item: its protocol and TK labels as
they were when the pack was built, the labels' text in the pack's languages
(a Spanish fallback says it is Spanish, as on the site)."""

from django.utils import translation

from knowledge_portal.core.fallback_marks import MARKS, OPEN, marking_fallbacks
from knowledge_portal.protocols.access import open_until
from knowledge_portal.protocols.labels import labels_with_explanations
from knowledge_portal.protocols.models import Community

FORMAT = "chakra-portal-pack"
FORMAT_VERSION = 1


def text_in(lazy_text, language):
    """``{"text", "lang"}``: an interface text in ``language``, or in the
    Spanish it falls back to."""
    with translation.override(language), marking_fallbacks(language):
        text = str(lazy_text)
    return {"text": MARKS.sub("", text), "lang": "es" if OPEN in text else language}


def labels(codes, languages):
    return [
        {
            "code": label["code"],
            "name": {code: text_in(label["name"], code) for code in languages},
            "explanation": {
                code: text_in(label["explanation"], code) for code in languages
            },
        }
        for label in labels_with_explanations(codes)
    ]


def protocol(obj):
    """The protocol fields of ``obj`` (None: it has none of its own), with
    the communities named by key and name."""
    if obj is None:
        return None
    communities = Community.objects.filter(pk__in=obj.access_communities or [])
    return {
        "access": obj.access,
        "communities": [
            {"slug": community.slug, "name": community.name}
            for community in communities
        ],
        "group": obj.access_group.name if obj.access_group_id else None,
        "season_months": list(obj.season_months or []),
    }


def described(obj, languages, today, own_protocol=None):
    """Protocol and labels of a page, image or recording. ``own_protocol``:
    the row holding an image's protocol (None when it has none)."""
    holder = obj if own_protocol is None and hasattr(obj, "access") else own_protocol
    return {
        "protocol": protocol(holder),
        "open_until": _iso(open_until(obj, today)),
        "tk_labels": labels(holder.tk_labels if holder else [], languages),
    }


def _iso(day):
    return day.isoformat() if day else None
