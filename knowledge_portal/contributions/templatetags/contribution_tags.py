from django import template

from ..notes import notes_for

register = template.Library()


@register.simple_tag(takes_context=True)
def plant_notes(context, page):
    """``{% plant_notes page as notes %}``: the knowledge notes under a plant
    page that the visitor may see (shown by
    ``contributions/includes/knowledge_note.html``)."""
    return notes_for(page, context["request"].user)
