"""The access rule at scale: hidden pages are left out by subqueries over the
protected rows, so the SQL does not grow with the number of restricted
entries, and what it leaves out is exactly what ``hidden_page_ids`` says."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from wagtail.models import Page

from knowledge_portal.plants.models import PlantProfilePage
from knowledge_portal.protocols.access import hidden_page_ids, visible_pages

pytestmark = pytest.mark.django_db


def restrict_leaves(count, group):
    """Restrict ``count`` public plant pages without pages beneath them."""
    pages = PlantProfilePage.objects.filter(protected=False, numchild=0).order_by("pk")[
        :count
    ]
    ids = list(pages.values_list("pk", flat=True))
    assert len(ids) == count
    PlantProfilePage.objects.filter(pk__in=ids).update(
        access="restricted", access_group=group, protected=True
    )
    return ids


def visible_ids(user):
    return set(visible_pages(user, Page.objects.all()).values_list("pk", flat=True))


def test_the_filter_does_not_grow_with_restricted_entries(restricted_site):
    keepers = Group.objects.get(name="Chakramamas de Sarayaku")
    restrict_leaves(2, keepers)
    few = str(visible_pages(AnonymousUser(), Page.objects.all()).query)
    many_ids = restrict_leaves(30, keepers)
    anonymous = AnonymousUser()
    many = str(visible_pages(anonymous, Page.objects.all()).query)
    assert len(many) == len(few)
    visible = visible_ids(anonymous)
    assert not visible & set(many_ids)
    assert set(many_ids) <= hidden_page_ids(anonymous)
    # Nothing else went missing: what is left out is what the rule hides.
    everything = set(Page.objects.values_list("pk", flat=True))
    assert visible == everything - hidden_page_ids(anonymous)
    # Their group sees them.
    assert set(many_ids) <= visible_ids(restricted_site["member"])


def test_pages_beneath_a_hidden_page_are_hidden_too(restricted_site):
    member = restricted_site["member"]
    guayusa = PlantProfilePage.objects.filter(slug="ilex-guayusa")
    es = guayusa.get(locale__language_code="es")
    notes = set(
        Page.objects.filter(path__startswith=es.path, depth__gt=es.depth).values_list(
            "pk", flat=True
        )
    )
    # The canary notes beneath it, which their community's member sees...
    assert notes
    assert notes <= visible_ids(member)
    # ...until the plant above them is restricted to a group she is not in.
    others = Group.objects.create(name="Otro grupo")
    guayusa.update(access="restricted", access_group=others, protected=True)
    member = type(member).objects.get(pk=member.pk)  # a new request
    assert notes <= hidden_page_ids(member)
    assert not visible_ids(member) & notes
    everything = set(Page.objects.values_list("pk", flat=True))
    assert visible_ids(member) == everything - hidden_page_ids(member)


def test_a_superuser_gets_no_filter(restricted_site, django_user_model):
    admin = django_user_model.objects.create_superuser("raiz", password="x" * 12)
    queryset = Page.objects.all()
    assert str(visible_pages(admin, queryset).query) == str(queryset.query)
    assert not hidden_page_ids(admin)
