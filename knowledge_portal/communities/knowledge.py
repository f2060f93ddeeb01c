"""A community's public knowledge: what is credited to it, as the visitor
may see it.

Every page type credited to communities (``CreditedToCommunities``) is found
here without this app knowing the apps that own them; what the visitor may
not see goes through the one access rule and is neither listed nor counted.
"""

from django.apps import apps
from wagtail.models import Page

from knowledge_portal.protocols.access import visible_pages
from knowledge_portal.protocols.labels import labels_with_explanations
from knowledge_portal.protocols.models import CreditedToCommunities


def credited_page_models():
    """Page types knowledge can be credited to a community on, in the order
    their groups are shown (``credited_order``)."""
    models = [
        model
        for model in apps.get_models()
        if issubclass(model, CreditedToCommunities) and issubclass(model, Page)
    ]
    return sorted(models, key=lambda model: getattr(model, "credited_order", 100))


def credited_pages(page, user):
    """``[(heading, [page, ...])]``: the live pages in ``page``'s language
    credited to its community that ``user`` may see, by type."""
    groups = []
    for model in credited_page_models():
        pages = visible_pages(
            user,
            model.objects.live()
            .public()
            .filter(locale_id=page.locale_id, credited_communities=page.community_id)
            .order_by("title"),
        )
        if pages:
            label = getattr(model, "credited_label", model._meta.verbose_name_plural)
            groups.append((label, list(pages)))
    return groups


def community_knowledge(page, user):
    groups = credited_pages(page, user)
    # The labels the knowledge she may see carries, each named once.
    codes = []
    for _label, pages in groups:
        for item in pages:
            codes += [code for code in item.tk_labels if code not in codes]
    return {
        "knowledge_groups": groups,
        "labels": labels_with_explanations(codes),
    }
