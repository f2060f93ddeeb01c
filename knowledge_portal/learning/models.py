from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.models import SectionIndexPage


class LearningIndexPage(SectionIndexPage):
    """Entrance to the agroecology-school curricula."""

    template = "core/section_index_page.html"

    class Meta:
        verbose_name = _("learning index")
