"""Each enforcement point matters: disable one and the leak test finds a leak.

Slow (one crawl per point), so it runs on request:
``pytest -m mutation tests/protocols``.
"""

import pytest
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import PagePermissionTester
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

from .test_admin import admin_leaks
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


POLICIES = "knowledge_portal.protocols.permission_policies"
HOOKS = "knowledge_portal.protocols.wagtail_hooks"

# Each admin enforcement point, switched back to what Wagtail does alone.
ADMIN_POINTS = {
    "page policy: listings": [
        (
            f"{POLICIES}.ProtocolPagePermissionPolicy.explorable_instances",
            PagePermissionPolicy.explorable_instances,
        ),
        (
            f"{POLICIES}.ProtocolPagePermissionPolicy"
            ".instances_user_has_any_permission_for",
            PagePermissionPolicy.instances_user_has_any_permission_for,
        ),
    ],
    "page permission tester": [
        (
            "knowledge_portal.protocols.models.ProtocolFields.permissions_for_user",
            lambda page, user: PagePermissionTester(user, page),
        )
    ],
    "image policy: listings": [
        (
            f"{POLICIES}.ProtocolImagePermissionPolicy"
            ".instances_user_has_any_permission_for",
            CollectionOwnershipPermissionPolicy.instances_user_has_any_permission_for,
        )
    ],
    "image policy: one image": [
        (
            f"{POLICIES}.ProtocolImagePermissionPolicy"
            ".user_has_any_permission_for_instance",
            CollectionOwnershipPermissionPolicy.user_has_any_permission_for_instance,
        )
    ],
    "explorer of a hidden page": [
        (f"{HOOKS}.can_view_page", lambda user, page: True),
    ],
    "dashboard: awaiting review": [
        (
            f"{HOOKS}.VisibleWorkflowObjectsToModeratePanel.get_context_data",
            WorkflowObjectsToModeratePanel.get_context_data,
        )
    ],
    "admin API images": [
        (
            f"{HOOKS}.VisibleImagesAdminAPIViewSet.get_queryset",
            ImagesAdminAPIViewSet.get_queryset,
        )
    ],
}


@pytest.mark.parametrize("point", list(ADMIN_POINTS))
def test_disabling_one_admin_point_leaks(client, admin_site, monkeypatch, point):
    for target, replacement in ADMIN_POINTS[point]:
        monkeypatch.setattr(target, replacement)
    client.force_login(admin_site["outside_moderator"])
    assert admin_leaks(client, admin_site), f"no leak with {point} disabled"
