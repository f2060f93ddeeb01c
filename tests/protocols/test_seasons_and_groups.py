"""The rules offline packs lean on: when a season closes, and a viewer who
sees only what every one of several people may see."""

import datetime

import pytest
from django.contrib.auth.models import Group

from knowledge_portal.protocols.access import EveryoneOf, can_access, season_closes
from knowledge_portal.protocols.models import Access, Community, Recording

DECEMBER_5 = datetime.date(2026, 12, 5)


def protocol(**fields):
    return Recording(**{"access": Access.PUBLIC, **fields})


@pytest.mark.parametrize(
    ("months", "today", "closes"),
    [
        ([3, 4], datetime.date(2026, 3, 10), datetime.date(2026, 4, 30)),
        ([3, 4], datetime.date(2026, 4, 30), datetime.date(2026, 4, 30)),
        # Across the new year.
        ([11, 12, 1, 2], DECEMBER_5, datetime.date(2027, 2, 28)),
        # The run that holds today, not a later one.
        ([12, 3], DECEMBER_5, datetime.date(2026, 12, 31)),
        # Closed today, no season, every month: nothing closes.
        ([3, 4], DECEMBER_5, None),
        ([], DECEMBER_5, None),
        (list(range(1, 13)), DECEMBER_5, None),
    ],
)
def test_a_season_closes_at_the_end_of_its_run_of_months(months, today, closes):
    assert season_closes(protocol(season_months=months), today) == closes


@pytest.mark.django_db
def test_everyone_of_sees_only_what_each_of_them_may_see(django_user_model):
    keepers = Group.objects.create(name="Guardianas")
    sarayaku = Community.objects.create(name="Sarayaku", slug="sarayaku")
    keeper = django_user_model.objects.create_user("sisa")
    keeper.groups.add(keepers)
    sarayaku.members.add(keeper)
    outsider = django_user_model.objects.create_user("ajena")
    community = protocol(access=Access.COMMUNITY, access_communities=[sarayaku.pk])
    restricted = protocol(access=Access.RESTRICTED, access_group=keepers)

    for hidden in (community, restricted):
        assert can_access(EveryoneOf([keeper]), hidden)
        assert not can_access(EveryoneOf([keeper, outsider]), hidden)
        # Nobody at all is an anonymous visitor, not everyone.
        assert not can_access(EveryoneOf([]), hidden)
    assert can_access(EveryoneOf([keeper, outsider]), protocol())
    assert not EveryoneOf([keeper]).is_authenticated
