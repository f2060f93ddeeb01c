from django.utils.translation import gettext_lazy as _

from knowledge_portal.core.models import SectionIndexPage


class GuideIndexPage(SectionIndexPage):
    """Entrance to the practical guides (grafting, bio-inputs...)."""

    template = "core/section_index_page.html"

    class Meta:
        verbose_name = _("guide index")
