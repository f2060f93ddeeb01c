"""Protocols inside the Wagtail admin, through Wagtail's own permission seams.

Every admin screen asks the permission policy registered for its model which
objects a user may list and act on, and asks a page's permission tester what
may be done to that page. Here both answer "nothing" for what
``protocols.access`` hides from the user, so a screen nobody thought of is
covered too: an editor with rights over the whole tree does not see, nor
touch, the knowledge of a community that is not theirs.
"""

from wagtail import images
from wagtail.models import Page, PagePermissionTester
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permission_policies.collections import (
    CollectionOwnershipPermissionPolicy,
)
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import register_permission_policy

from .access import (
    can_view_image,
    can_view_media,
    can_view_page,
    hidden_media_ids,
    visible_images,
    visible_pages,
)
from .models import Recording


class ProtocolPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, without the pages the user may not see."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return can_view_page(
            user, instance
        ) and super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return visible_pages(
            user, super().instances_user_has_any_permission_for(user, actions)
        )

    def explorable_instances(self, user):
        return visible_pages(user, super().explorable_instances(user))


class ProtocolPagePermissionTester(PagePermissionTester):
    """Nothing may be done to a page the user may not see: not view its draft or
    revisions, history, usage, nor edit, move, copy, delete, lock or unpublish it."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.page_is_hidden = not can_view_page(user, page)

    def can_move_to(self, destination):
        return can_view_page(self.user, destination) and super().can_move_to(
            destination
        )

    def can_copy_to(self, destination, recursive=False):
        return can_view_page(self.user, destination) and super().can_copy_to(
            destination, recursive
        )


def _refused_on_hidden_pages(name):
    allowed = getattr(PagePermissionTester, name)

    def check(self, *args, **kwargs):
        return not self.page_is_hidden and allowed(self, *args, **kwargs)

    check.__name__ = name
    return check


# Every ``can_*`` question Wagtail's tester answers, present and future.
for _name in dir(PagePermissionTester):
    if _name.startswith("can_") and _name not in vars(ProtocolPagePermissionTester):
        setattr(ProtocolPagePermissionTester, _name, _refused_on_hidden_pages(_name))


class ProtocolImagePermissionPolicy(CollectionOwnershipPermissionPolicy):
    """Wagtail's image policy, without the images the user may not see."""

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return can_view_image(
            user, instance
        ) and super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return visible_images(
            user, super().instances_user_has_any_permission_for(user, actions)
        )


class ProtocolRecordingPermissionPolicy(ModelPermissionPolicy):
    """Recordings the user may not see are out of reach; none is added in the
    admin (they come with contributions and content files, whose upload
    checks they pass)."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return can_view_media(
            user, instance
        ) and super().user_has_any_permission_for_instance(user, actions, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        instances = super().instances_user_has_any_permission_for(user, actions)
        hidden = hidden_media_ids(user, Recording)
        return instances.exclude(pk__in=hidden) if hidden else instances


def register_policies():
    """Put the protocol policies in Wagtail's registry, in place of its own.

    The image policy is registered for the exact image class: wagtail.images
    registers its own in its ``ready()``, which runs after ours.
    """
    register_permission_policy(Page, ProtocolPagePermissionPolicy(Page))
    register_permission_policy(
        Recording, ProtocolRecordingPermissionPolicy(Recording), exact_class=True
    )
    wagtail_policy = images.get_permission_policy()
    register_permission_policy(
        wagtail_policy.model,
        ProtocolImagePermissionPolicy(
            wagtail_policy.model,
            auth_model=wagtail_policy.auth_model,
            owner_field_name=wagtail_policy.owner_field_name,
        ),
        exact_class=True,
    )
