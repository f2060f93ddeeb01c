from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin_membership import MembershipViewSetGroup
from .viewsets import (
    CommunityViewSet,
    RecordingViewSet,
    refuse_deleting_named_communities,
)

register_snippet(CommunityViewSet)
register_snippet(RecordingViewSet)
register_snippet(MembershipViewSetGroup)
hooks.register("before_delete_snippet", refuse_deleting_named_communities)
