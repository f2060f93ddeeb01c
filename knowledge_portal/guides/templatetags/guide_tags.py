"""Guides shown on other apps' pages, so those apps need not know guides."""

from django import template

from knowledge_portal.protocols.access import visible_pages

from ..models import GuidePage

register = template.Library()


@register.simple_tag(takes_context=True)
def guides_for_plant(context, plant):
    """Guides that list ``plant`` and the visitor may see: the link back from
    a plant profile. ``{% guides_for_plant page as guide_pages %}``"""
    return visible_pages(
        context["request"].user,
        GuidePage.objects.live().public().filter(plants__plant=plant).distinct(),
    )
