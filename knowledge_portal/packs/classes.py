"""Packs for a class: what is assigned to it, as every member may see it.

For the class page's download button (views.py): a pack holds only
what every learner of the class and its teacher may see (``EveryoneOf``), in
the languages its learners learn in.
"""

from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from knowledge_portal.learning.models import LearnerProfile
from knowledge_portal.protocols.access import EveryoneOf, can_show_page

from .building import Audience, build_pack
from .selection import PackError, kind_of


def class_audience(school_class):
    members = [
        school_class.teacher,
        *(membership.learner for membership in school_class.memberships.all()),
    ]
    return Audience(EveryoneOf(members), _("every member of the class"), school_class)


def class_languages(school_class):
    """The languages the class's learners chose, in the site's order;
    Spanish when none chose."""
    chosen = set(
        LearnerProfile.objects.filter(
            user__memberships__school_class=school_class
        ).values_list("language", flat=True)
    )
    return [code for code in LANGUAGE_CODES if code in chosen] or [DEFAULT_LANGUAGE]


def build_class_pack(school_class, output, languages=None):
    """Write the pack of the class's assignments to ``output``; return its
    manifest and how many assignments it leaves out (not published, or not
    seen by every member, or of a type a pack does not hold)."""
    audience = class_audience(school_class)
    pages = [assignment.page for assignment in school_class.assignments.all()]
    packed = [
        page.pk
        for page in pages
        if page.live
        and can_show_page(audience.viewer, page)
        and kind_of(page.specific) is not None
    ]
    if not packed:
        raise PackError(_("Nothing assigned to this class can go in a pack."))
    manifest = build_pack(
        output, packed, languages or class_languages(school_class), audience
    )
    return manifest, len(pages) - len(packed)
