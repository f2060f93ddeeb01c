from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributionsConfig(AppConfig):
    name = "knowledge_portal.contributions"
    label = "contributions"
    verbose_name = _("Contributions")

    def ready(self):
        from knowledge_portal.entries.entry_types import register_entry_part
        from knowledge_portal.protocols.submissions.signals import submitted

        from .content import NotesPart
        from .services import record_contribution

        # Notes travel inside their plant's content file.
        register_entry_part("plant", NotesPart())
        # Every submission, whatever its app, is listed in "My contributions".
        submitted.connect(record_contribution, dispatch_uid="record_contribution")
