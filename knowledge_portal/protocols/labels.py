"""Traditional Knowledge (TK) labels in the manner of Local Contexts.

Labels inform; they do not restrict access by themselves (the protocol does).
Names and short explanations are ours, translated through locale/; the
official label icons are not reproduced.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TKLabel(models.TextChoices):
    ATTRIBUTION = "tk-attribution", _("TK Attribution")
    COMMUNITY_VOICE = "tk-community-voice", _("TK Community Voice")
    NON_COMMERCIAL = "tk-non-commercial", _("TK Non-Commercial")
    COMMUNITY_USE_ONLY = "tk-community-use-only", _("TK Community Use Only")
    SEASONAL = "tk-seasonal", _("TK Seasonal")
    WOMEN_GENERAL = "tk-women-general", _("TK Women General")
    CULTURALLY_SENSITIVE = "tk-culturally-sensitive", _("TK Culturally Sensitive")
    SECRET_SACRED = "tk-secret-sacred", _("TK Secret / Sacred")
    VERIFIED = "tk-verified", _("TK Verified")
    OPEN_TO_COLLABORATION = "tk-open-to-collaboration", _("TK Open to Collaboration")


EXPLANATIONS = {
    TKLabel.ATTRIBUTION: _(
        "This knowledge has custodians. Name them whenever you use it."
    ),
    TKLabel.COMMUNITY_VOICE: _(
        "This knowledge is shared in the community's own words and voice."
    ),
    TKLabel.NON_COMMERCIAL: _(
        "The community asks that this knowledge not be used to make money."
    ),
    TKLabel.COMMUNITY_USE_ONLY: _(
        "This knowledge is for use within the community that holds it."
    ),
    TKLabel.SEASONAL: _(
        "This knowledge is shared only in its season; outside it, it is closed."
    ),
    TKLabel.WOMEN_GENERAL: _(
        "This knowledge is held by women and shared by them with care."
    ),
    TKLabel.CULTURALLY_SENSITIVE: _(
        "This knowledge is culturally sensitive. Ask the community before using it."
    ),
    TKLabel.SECRET_SACRED: _(
        "This knowledge is sacred. It is kept by those the community chooses."
    ),
    TKLabel.VERIFIED: _("The community has checked how this knowledge is shown here."),
    TKLabel.OPEN_TO_COLLABORATION: _(
        "The community welcomes working together on this knowledge."
    ),
}


def labels_with_explanations(codes):
    return [
        {"code": code, "name": TKLabel(code).label, "explanation": EXPLANATIONS[code]}
        for code in codes
        if code in TKLabel.values
    ]
