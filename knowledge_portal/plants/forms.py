"""The admin form of a plant profile: what publishing needs, as field errors."""

from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.workflows import approval_publishes
from knowledge_portal.protocols.forms import ProtectedPageForm

NEEDED_TO_PUBLISH = _("This is needed before publishing.")


class PlantProfilePageForm(ProtectedPageForm):
    """Publishing or approving a draft that lacks its botany names the
    missing fields, instead of failing when the page is saved live."""

    def asks_to_publish(self):
        if self.data.get("action-publish"):
            return True
        return (
            bool(self.data.get("action-workflow-action"))
            and self.data.get("workflow-action-name") == "approve"
            and approval_publishes(self.instance)
        )

    def clean(self):
        cleaned = super().clean()
        if self.asks_to_publish():
            for name in self.instance.REQUIRED_TO_PUBLISH:
                if name in self.fields and not cleaned.get(name):
                    self.add_error(name, NEEDED_TO_PUBLISH)
        return cleaned
