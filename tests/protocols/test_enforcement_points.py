"""Each enforcement point matters: disable one and the leak test finds a leak.

Slow (one crawl per point), so it runs on request:
``pytest -m mutation tests/protocols``.
"""

import pytest

from .test_leaks import leaks

pytestmark = [pytest.mark.django_db, pytest.mark.mutation]


def allow_all_pages(user, queryset):
    return queryset


POINTS = {
    "page views (before_serve_page hook)": [
        (
            "knowledge_portal.protocols.wagtail_hooks.can_view_page",
            lambda user, page: True,
        )
    ],
    "plant index listing": [
        ("knowledge_portal.plants.browsing.visible_pages", allow_all_pages)
    ],
    "search, autocomplete and suggestions": [
        ("knowledge_portal.search.service.visible_pages", allow_all_pages)
    ],
    "API v2 pages": [("knowledge_portal.api.visible_pages", allow_all_pages)],
    "API v2 gallery field": [
        ("knowledge_portal.protocols.api.can_view_image", lambda user, image: True)
    ],
    "sitemap": [("knowledge_portal.protocols.views.visible_pages", allow_all_pages)],
    "media files": [
        ("knowledge_portal.protocols.views.owner_allows", lambda user, owner: True)
    ],
    "knowledge notes on a profile": [
        ("knowledge_portal.plants.profile.visible_pages", allow_all_pages)
    ],
    "gallery images on a profile": [
        ("knowledge_portal.plants.profile.can_view_image", lambda user, image: True)
    ],
    "recordings on a profile": [
        ("knowledge_portal.plants.profile.can_access", lambda user, protocol: True)
    ],
    "companions on a profile": [
        ("knowledge_portal.plants.profile.hidden_page_ids", lambda user: frozenset())
    ],
    "review list": [("knowledge_portal.core.review.visible_pages", allow_all_pages)],
}


@pytest.mark.parametrize("point", list(POINTS))
def test_disabling_one_point_leaks(client, restricted_site, monkeypatch, point):
    for target, replacement in POINTS[point]:
        monkeypatch.setattr(target, replacement)
    assert leaks(client, restricted_site), f"no leak with {point} disabled"
