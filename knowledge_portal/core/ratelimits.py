"""How often people may sign in, join a class and contribute: one place.

django-ratelimit counts the attempts in the "ratelimit" cache (settings). A
school often reaches the Internet through one address (NAT), and a class of
60 learners signs in at once when the lesson starts; so the limits per address
are generous and the tight ones are per name or per person:

- signing in: 10 attempts a minute for one name, which makes guessing any
  one password very slow, and 100 a minute from one address, which a whole
  class signing in (and mistyping) stays under but a script trying many names
  does not (in the Wagtail admin too);
- joining a class or a community: 100 attempts a minute from one address,
  and 30 unknown codes every 10 minutes from one address: a class mistypes a few
  codes, while guessing any class's code among the 31^6 possible takes
  hundreds of thousands of tries even with a thousand classes;
- contributing: 30 submissions an hour per person;
- searching through the API (``/api/v2/*/?search=``): 30 searches a minute
  from one address. People search on the search page; the API serves
  programs, and each search costs the server far more than a page.

Over a limit, the page comes back with HTTP 429, a note to wait, and what was
typed still in the form; nothing is checked or saved.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage, is_ratelimited

LOGIN_PER_NAME = "10/m"
LOGIN_PER_ADDRESS = "100/m"
JOIN_PER_ADDRESS = "100/m"
UNKNOWN_CODES_PER_ADDRESS = "30/10m"
CONTRIBUTIONS_PER_PERSON = "30/h"
API_SEARCHES_PER_ADDRESS = "30/m"

TOO_MANY_ATTEMPTS = _(
    "Too many attempts in a short time. Wait a few minutes, then try again."
)
TOO_MANY_SEARCHES = _(
    "Too many searches in a short time. Wait a minute, then try again."
)
CHOOSE_FILES_AGAIN = _("Photos and recordings are not kept: choose them again.")


def _posted_name(group, request):
    return request.POST.get("username", "").strip().casefold()


def _count(request, group, key, rate):
    """Count this POST in ``group``; True when it is over ``rate``."""
    return is_ratelimited(
        request,
        group=f"chakra.{group}",
        key=key,
        rate=rate,
        method="POST",
        increment=True,
    )


def login_limited(request):
    """Count a sign-in attempt by name and by address."""
    by_name = _count(request, "login-name", _posted_name, LOGIN_PER_NAME)
    by_address = _count(request, "login-address", "ip", LOGIN_PER_ADDRESS)
    return by_name or by_address


def join_limited(request):
    """Count an attempt to join a class; also True once the address has
    tried too many unknown codes."""
    attempts = _count(request, "join-address", "ip", JOIN_PER_ADDRESS)
    unknown_codes = get_usage(
        request,
        group="chakra.join-unknown-code",
        key="ip",
        rate=UNKNOWN_CODES_PER_ADDRESS,
        method="POST",
    )
    return attempts or (
        unknown_codes is not None and unknown_codes["count"] >= unknown_codes["limit"]
    )


def count_unknown_code(request, form, field="school_class"):
    """Count a join attempt whose code (a class's, a community's) matched
    nothing."""
    if form.has_error(field, code="unknown_code"):
        _count(request, "join-unknown-code", "ip", UNKNOWN_CODES_PER_ADDRESS)


def contribution_limited(request):
    return _count(request, "contribution", "user", CONTRIBUTIONS_PER_PERSON)


def api_search_usage(request):
    """Count an API search from this address: django-ratelimit's usage
    (``should_limit``, ``time_left`` in seconds...)."""
    return get_usage(
        request,
        group="chakra.api-search",
        key="ip",
        rate=API_SEARCHES_PER_ADDRESS,
        increment=True,
    )


def posted_values(form):
    """What was posted to the bound ``form``, as initial values for a fresh
    copy. Showing that copy re-shows what was typed without validating it,
    which would do (or reveal) what the limit holds back. Passwords and
    files are not sent back to the browser."""
    values = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField) or isinstance(
            field.widget, forms.PasswordInput
        ):
            continue
        values[name] = field.widget.value_from_datadict(
            form.data, form.files, form.add_prefix(name)
        )
    return values


def notes_for(form):
    """What the page says when a limit stops ``form``."""
    notes = [TOO_MANY_ATTEMPTS]
    if any(isinstance(field, forms.FileField) for field in form.fields.values()):
        notes.append(CHOOSE_FILES_AGAIN)
    return notes


def too_many_attempts(request, template, form, context=None, **form_kwargs):
    """The form's page again with status 429, a note to wait, and a fresh
    copy of ``form`` (made with ``form_kwargs``) holding what was typed."""
    fresh = type(form)(initial=posted_values(form), **form_kwargs)
    context = {**(context or {}), "form": fresh, "rate_limited": notes_for(fresh)}
    return render(request, template, context, status=429)


class LimitedLoginMixin:
    """For a LoginView: over the sign-in limits, show the form again (name
    filled in) with a 429 instead of checking the password."""

    def post(self, request, *args, **kwargs):
        if not login_limited(request):
            return super().post(request, *args, **kwargs)
        form = self.get_form_class()(request, initial=posted_values(self.get_form()))
        return self.render_to_response(
            self.get_context_data(form=form, rate_limited=notes_for(form)),
            status=429,
        )


class LimitedAdminLoginMixin(LimitedLoginMixin):
    """The same for Wagtail's admin sign-in, whose page shows messages."""

    def render_to_response(self, context, **kwargs):
        for note in context.get("rate_limited", ()):
            messages.error(self.request, note)
        return super().render_to_response(context, **kwargs)
