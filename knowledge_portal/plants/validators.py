import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# "Genus species", an optional hybrid sign, an optional infraspecific rank and
# name; or "Genus spp." for a group of species.
SCIENTIFIC_NAME = re.compile(
    r"^[A-Z][a-z]+ (?:× )?[a-z][a-z-]+(?: (?:subsp\.|var\.|f\.) [a-z][a-z-]+)?$"
    r"|^[A-Z][a-z]+ spp\.$"
)
FAMILY = re.compile(r"^[A-Z][a-z]+aceae$|^(?:Compositae|Gramineae|Leguminosae|Palmae)$")


def validate_scientific_name(value):
    if not SCIENTIFIC_NAME.match(value):
        raise ValidationError(
            _(
                "Write the scientific name as “Genus species” (for example "
                "“Ilex guayusa”), optionally followed by subsp., var. or f. and "
                "a name."
            ),
            code="scientific_name",
        )


def validate_family(value):
    if not FAMILY.match(value):
        raise ValidationError(
            _("Write the botanical family, for example “Malvaceae”."),
            code="family",
        )
