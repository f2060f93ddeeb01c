"""The language of a request (aliases, the remembered choice) and compression."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils import translation
from django.utils.cache import patch_cache_control

from .languages import resolve_aliases


class LanguageAliasMiddleware:
    """Let Accept-Language name Kichwa and Shuar as browsers do.

    Django matches "qu", "qu-EC" and "jiv-EC" to the site's languages, but
    not the ISO 639-3 codes of Quechua and Kichwa varieties ("qug", "quz-EC")
    nor "shuar". Rewriting the header once, before anything reads it, keeps
    LocaleMiddleware's redirect of `/`, the remembered language and the page
    cache's key in agreement; the language cookie still wins, as before.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.META.get("HTTP_ACCEPT_LANGUAGE")
        if header:
            request.META["HTTP_ACCEPT_LANGUAGE"] = resolve_aliases(header)
        return self.get_response(request)


class RememberLanguageMiddleware:
    """Set the language cookie when a language-prefixed URL is visited.

    LocaleMiddleware already redirects `/` by cookie, then Accept-Language, then
    LANGUAGE_CODE; it never writes the cookie itself. The cookie is set only
    when `/` would not pick the visited language anyway, so most visitors get
    none, and a response that sets it is for this visitor alone.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path_language = translation.get_language_from_path(request.path_info)
        if path_language and path_language != translation.get_language_from_request(
            request
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                path_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
            )
            patch_cache_control(response, private=True)
        return response


class TextGZipMiddleware(GZipMiddleware):
    """Compress pages and JSON for weak uplinks, never photos or recordings.

    Photos and recordings are already compressed, and compressing them would
    drop their Content-Length. It sits outside the page cache, which stores
    pages uncompressed. BREACH needs a secret reflected beside attacker input:
    pages carry only Django's per-response masked CSRF token, and Django adds
    random padding to compressed responses.
    """

    COMPRESSIBLE = ("text/", "application/json", "application/javascript")

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        # A part of a file (206) is counted in the bytes of the file as stored.
        if response.status_code == 206 or not content_type.startswith(
            self.COMPRESSIBLE
        ):
            return response
        return super().process_response(request, response)
