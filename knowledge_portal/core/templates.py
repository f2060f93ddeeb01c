"""Django's template backend, marking Spanish fallbacks on Kichwa and Shuar
pages (see :mod:`knowledge_portal.core.fallback_marks`).

Only HTML is marked; the outermost render turns the marks into
markup, so a fragment rendered inside another (a block, an include, a form
widget) is marked in the context of the whole page.
"""

from django.template.backends.django import DjangoTemplates, Template

from .fallback_marks import (
    is_outermost_render,
    mark_fallbacks,
    marked_language,
    marking_fallbacks,
)

# Templates of mail, feeds, JSON and files are never marked.
NOT_HTML = (".txt", ".xml", ".json", ".js", ".css", ".svg", ".csv", ".md")


class MarkedTemplate(Template):
    def render(self, context=None, request=None):
        language = marked_language()
        name = str(getattr(self.origin, "template_name", None) or "")
        if language is None or name.endswith(NOT_HTML):
            return super().render(context, request)
        outermost = is_outermost_render()
        with marking_fallbacks(language):
            html = super().render(context, request)
        return mark_fallbacks(html, language) if outermost else html


class MarkingDjangoTemplates(DjangoTemplates):
    def from_string(self, template_code):
        return MarkedTemplate(self.engine.from_string(template_code), self)

    def get_template(self, template_name):
        template = super().get_template(template_name)
        return MarkedTemplate(template.template, self)
