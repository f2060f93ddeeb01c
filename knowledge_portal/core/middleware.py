"""Remember the language a visitor last chose, so `/` leads back to it."""

from django.conf import settings
from django.utils import translation


class RememberLanguageMiddleware:
    """Set the language cookie when a language-prefixed URL is visited.

    LocaleMiddleware already redirects `/` by cookie, then Accept-Language, then
    LANGUAGE_CODE; it never writes the cookie itself.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        path_language = translation.get_language_from_path(request.path_info)
        cookie_name = settings.LANGUAGE_COOKIE_NAME
        if path_language and request.COOKIES.get(cookie_name) != path_language:
            response.set_cookie(
                cookie_name,
                path_language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite="Lax",
            )
        return response
