"""Template builtins that see past a fallback mark (see ``fallback_marks``).

``capfirst`` would otherwise capitalise the invisible mark in front of a
Spanish fallback, and leave "descripción" as a heading in lower case.
"""

from django import template
from django.template.defaultfilters import stringfilter
from django.utils.safestring import SafeData, mark_safe
from django.utils.text import capfirst as capitalize_first

from .fallback_marks import OPEN, as_fallback, mark_if_fallback

register = template.Library()


@register.filter(is_safe=True)
@stringfilter
def capfirst(value):
    """Django's ``capfirst``, applied to the text after a fallback mark."""
    if value.startswith(OPEN):
        return OPEN + capitalize_first(value[1:])
    return capitalize_first(value)


@register.filter
def shown_title(page, text=None):
    """A page's title, marked as Spanish where its translation awaits one.

    ``text`` is what is shown for the title instead (a row's title, already
    checked against the access rule): ``{{ row.page|shown_title:row.title }}``;
    safe markup in it (a highlighted match) stays markup.
    The page must carry its ``translation_status`` (a specific page, or one
    annotated with it); any other object shows its title unmarked.
    """
    if text is None:
        text = page.title
    status = (getattr(page, "translation_status", None) or {}).get("title") or {}
    if status.get("status") == "awaiting-translation":
        marked = as_fallback(text)
        # The marks are not markup: a safe text (highlighted) stays safe.
        return mark_safe(marked) if isinstance(text, SafeData) else marked  # noqa: S308
    return text


@register.filter(is_safe=True)
def spanish_marked(value):
    """A text made by a view (a message) marked as Spanish on a Kichwa or
    Shuar page when it is the Spanish fallback of an untranslated string."""
    text = str(value)
    marked = mark_if_fallback(text)
    if marked is text:
        return value
    return mark_safe(marked) if isinstance(value, SafeData) else marked  # noqa: S308
