"""Field validators any entry type may use."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_months(value):
    """A list of month numbers, 1 (January) to 12 (December)."""
    if not isinstance(value, list) or any(
        not isinstance(month, int) or not 1 <= month <= 12 for month in value
    ):
        raise ValidationError(_("Months must be numbers from 1 to 12."), code="months")
