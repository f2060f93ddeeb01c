from wagtail.snippets.models import register_snippet

from .admin_membership import MembershipViewSetGroup

register_snippet(MembershipViewSetGroup)
