"""The Content-Security-Policy of Wagtail's admin, apart from the site's."""

from functools import cache

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware. Responses under the admin's URL get
    CONTENT_SECURITY_POLICY_ADMIN, everything else CONTENT_SECURITY_POLICY;
    a view's own @csp decorator still wins."""

    def process_response(self, request, response):
        if self.in_admin(request) and HEADER in response:
            # A page preview is rendered by a request for the page's own URL,
            # which got the site's policy; the editor frames it, so it takes
            # the admin's.
            del response[HEADER]
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and self.in_admin(request):
            parts.config = dict(settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"])
        return parts

    @staticmethod
    def in_admin(request):
        return request.path_info.startswith(admin_prefix())
