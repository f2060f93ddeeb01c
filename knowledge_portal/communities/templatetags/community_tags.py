"""Community pages shown on other apps' pages, so those apps need not know
communities."""

from django import template

from knowledge_portal.protocols.access import visible_pages

from ..models import CommunityPage

register = template.Library()


@register.simple_tag(takes_context=True)
def community_pages_for(context, page):
    """The pages, in ``page``'s language, of the communities ``page`` is
    credited to: the link from a plant profile to its communities.
    ``{% community_pages_for page as community_pages %}``"""
    return visible_pages(
        context["request"].user,
        CommunityPage.objects.live()
        .public()
        .filter(
            locale_id=page.locale_id,
            community__in=page.credited_communities.all(),
        )
        .order_by("title"),
    )
