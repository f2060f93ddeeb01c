"""Each enforcement point matters: disable one and the leak test finds a leak.

The canary site is built once and each point is switched off in turn (a
subtest each); the search for a leak stops at the first one found. Slow, so
it runs on request and in CI: ``pytest -m mutation tests/protocols``.
"""

import pytest
from django.core.cache import caches
from django.db import transaction
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import GroupApprovalTask, PagePermissionTester
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
)
from wagtail.permission_policies.pages import PagePermissionPolicy

from .test_admin import find_admin_leaks
from .test_leaks import find_leaks

pytestmark = [pytest.mark.django_db, pytest.mark.mutation]


def allow_all_pages(user, queryset):
    return queryset


def show_all_rows(user, rows):
    return list(rows)


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
    "sitemap": [("knowledge_portal.site.media.visible_pages", allow_all_pages)],
    "media files": [
        ("knowledge_portal.site.media.owner_allows", lambda user, owner: True)
    ],
    "knowledge notes on a profile": [
        ("knowledge_portal.contributions.notes.visible_pages", allow_all_pages)
    ],
    "guides listed on a profile": [
        (
            "knowledge_portal.guides.templatetags.guide_tags.visible_pages",
            allow_all_pages,
        )
    ],
    "photos of the notes on a profile": [
        (
            "knowledge_portal.contributions.notes.can_view_image",
            lambda user, image: True,
        )
    ],
    "recordings on a profile": [
        ("knowledge_portal.plants.profile.can_view_media", lambda user, item: True),
        (
            "knowledge_portal.contributions.notes.can_view_media",
            lambda user, item: True,
        ),
    ],
    "companions on a profile": [
        ("knowledge_portal.plants.profile.can_show_page", lambda user, page: True)
    ],
    "review list": [("knowledge_portal.site.review.visible_pages", allow_all_pages)],
    "knowledge listed on a community page": [
        ("knowledge_portal.communities.knowledge.visible_pages", allow_all_pages)
    ],
    "links from a profile (propagation guides)": [
        ("knowledge_portal.plants.profile.shown_rows", show_all_rows)
    ],
    "links from a lesson (plants, guides)": [
        ("knowledge_portal.learning.lesson.shown_rows", show_all_rows)
    ],
    "links from a guide (plants)": [
        ("knowledge_portal.guides.context.shown_rows", show_all_rows)
    ],
    "API: links between items (serializers and inline rows)": [
        ("knowledge_portal.api.can_view", lambda user, obj: True),
        ("knowledge_portal.api.shown_rows", show_all_rows),
    ],
    "media used by a hidden page": [
        (
            "knowledge_portal.protocols.access._used_by_hidden_pages",
            lambda *args: set(),
        )
    ],
    "media of contributions awaiting moderation": [
        ("knowledge_portal.protocols.access._unpublished", lambda *args: set())
    ],
}


def test_disabling_each_point_leaks(client, restricted_site, subtests):
    for point, replacements in POINTS.items():
        with subtests.test(point=point), pytest.MonkeyPatch.context() as patch:
            for target, replacement in replacements:
                patch.setattr(target, replacement)
            # The sweep's own API searches must not hit the rate limit.
            caches["ratelimit"].clear()
            leak = next(find_leaks(client, restricted_site), None)
            assert leak, f"no leak with {point} disabled"


POLICIES = "knowledge_portal.protocols.permission_policies"
HOOKS = "knowledge_portal.protocols.wagtail_hooks"
TASK = "knowledge_portal.protocols.models.ProtocolApprovalTask"
VIEWS = "knowledge_portal.protocols.admin_views"

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
    "admin API images": [
        (
            f"{HOOKS}.VisibleImagesAdminAPIViewSet.get_queryset",
            ImagesAdminAPIViewSet.get_queryset,
        )
    ],
    "workflow: protocol approval task": [
        (f"{TASK}.{name}", getattr(GroupApprovalTask, name))
        for name in ("get_actions", "user_can_access_editor", "locked_for_user")
    ],
    # The dashboard's "awaiting your review" and the workflow reports.
    "workflow: reviews a user may moderate": [
        (
            f"{TASK}.get_task_states_user_can_moderate",
            GroupApprovalTask.get_task_states_user_can_moderate,
        )
    ],
    "workflow: publishing over a review": [(f"{VIEWS}.visible_pages", allow_all_pages)],
    "bulk actions": [(f"{HOOKS}.bulk_action_items", lambda user, queryset: queryset)],
    "page chooser: hidden parent": [(f"{HOOKS}.hidden_page_ids", lambda user: set())],
    "report: page types usage": [
        (f"{VIEWS}.can_view_page", lambda user, page: True),
    ],
    "revision comparisons": [(f"{VIEWS}.shown_rows", show_all_rows)],
    "admin image listing and chooser: popular tags": [
        (f"{VIEWS}.visible_images", allow_all_pages)
    ],
    "admin recordings (snippet listing, screens, chooser)": [
        (
            "knowledge_portal.protocols.viewsets.visible_recordings",
            allow_all_pages,
        )
    ],
    "admin contributions (snippet listing, screens)": [
        ("knowledge_portal.protocols.viewsets.visible_pages", allow_all_pages)
    ],
    "forms: links to hidden items": [
        ("knowledge_portal.protocols.forms._hidden_ids", lambda user, model: set())
    ],
}


def test_disabling_each_admin_point_leaks(client, admin_site, subtests):
    client.force_login(admin_site["outside_moderator"])
    for point, replacements in ADMIN_POINTS.items():
        with (
            subtests.test(point=point),
            pytest.MonkeyPatch.context() as patch,
            transaction.atomic(),
        ):
            for target, replacement in replacements:
                patch.setattr(target, replacement)
            leak = next(find_admin_leaks(client, admin_site), None)
            # What a door let through (an unpublished page) is undone.
            transaction.set_rollback(True)
            assert leak, f"no leak with {point} disabled"


def public_export_mentions_the_canary(directory):
    from knowledge_portal.site.content.exporter import export_content

    from .conftest import CANARY

    export_content(directory, public=True)
    return any(
        CANARY.lower() in path.read_bytes().decode("utf-8", "replace").lower()
        for path in directory.rglob("*.yaml")
    )


def test_disabling_the_public_export_rule_leaks(restricted_site, tmp_path, monkeypatch):
    assert not public_export_mentions_the_canary(tmp_path / "held")
    monkeypatch.setattr(
        "knowledge_portal.entries.scope.can_view", lambda user, item: True
    )
    assert public_export_mentions_the_canary(tmp_path / "open"), (
        "no leak with the public export's rule disabled"
    )
