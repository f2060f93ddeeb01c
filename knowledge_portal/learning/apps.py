from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "knowledge_portal.learning"
    label = "learning"
    verbose_name = _("Learning")

    def ready(self):
        from knowledge_portal.search.types import register_search_type

        from . import content  # noqa: F401  (registers the entry types)
        from .models import LessonPage

        register_search_type("lesson", LessonPage, _("lesson"), "summary")
