"""Field validators shared by entry types."""

import pytest
from django.core.exceptions import ValidationError

from knowledge_portal.core.validators import validate_months


def test_months_are_one_to_twelve():
    validate_months([1, 12])
    for bad in ([0], [13], ["enero"], "3"):
        with pytest.raises(ValidationError):
            validate_months(bad)
