"""``{% shared "name" page ... %}...{% endshared %}``: a part of a page that is
the same for everyone who may see the same things, rendered once and reused.

Django's ``{% cache %}`` takes its key from the template, so a template that
forgot the viewer's access would share a restricted fragment. This tag puts
in every key what a template cannot leave out: the viewer's ``access_key``
(what her protocols allow, never who she is), the language, the date and the
shared cache's generation (core/shared_cache.py); the template adds what
else the fragment depends on, a page standing for its live revision. What is
inside must depend on the viewer only through the access rule: the per-person
parts of a page (progress, answers, account links, forms with a CSRF token)
stay outside. Previews and drafts are never shared: the key knows only
the live revision.
"""

from django import template
from django.contrib.auth.models import AnonymousUser
from wagtail.models import Page

from knowledge_portal.core import shared_cache

from ..access import access_key

register = template.Library()


def _part(value):
    if isinstance(value, Page):
        return f"page:{value.pk}:{value.live_revision_id}"
    return str(value)


def _is_draft(context, request):
    """A preview or a page not as published (an editor's draft, a
    contribution under review): built for that request alone."""
    if getattr(request, "is_preview", False):
        return True
    page = context.get("page")
    return isinstance(page, Page) and not page.live


class SharedNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        if not shared_cache.enabled() or _is_draft(context, request):
            return self.nodelist.render(context)
        user = getattr(request, "user", None) or AnonymousUser()
        parts = [
            "fragment",
            self.name.resolve(context),
            access_key(user),
            *(_part(variable.resolve(context)) for variable in self.vary_on),
        ]
        return shared_cache.get_or_compute(
            "fragment", parts, lambda: self.nodelist.render(context)
        )


@register.tag("shared")
def do_shared(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(
            '{% shared %} needs a name: {% shared "plant" page %}'
        )
    nodelist = parser.parse(("endshared",))
    parser.delete_first_token()
    return SharedNode(
        nodelist,
        parser.compile_filter(bits[1]),
        [parser.compile_filter(bit) for bit in bits[2:]],
    )
