"""Media files, served only after their protocol is checked.

Nothing under MEDIA_ROOT is served any other way: a file that belongs to no
known image, rendition, document or recording is a 404, and so is one its
protocol hides from this visitor. The sitemap lists only public pages, in
every language.
"""

from collections import defaultdict
from pathlib import PurePosixPath

from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import Http404
from django.views.decorators.http import require_safe
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page

from knowledge_portal.core import uploads
from knowledge_portal.core.file_responses import file_response
from knowledge_portal.core.languages import DEFAULT_LANGUAGE
from knowledge_portal.protocols.access import can_view_media, visible_pages

DOWNLOAD = ("application/octet-stream", "bin")


def media_owner(path):
    """The image, recording or document a media file belongs to, as
    ``(kind, object)``; None when it belongs to nothing we know."""
    from knowledge_portal.protocols.models import Recording

    image_model = get_image_model()
    image = image_model.objects.filter(file=path).first()
    if image is None:
        rendition = (
            image_model.get_rendition_model()
            .objects.filter(file=path)
            .select_related("image")
            .first()
        )
        image = rendition.image if rendition else None
    if image is not None:
        return "image", image
    recording = Recording.objects.filter(file=path).first()
    if recording is not None:
        return "recording", recording
    if get_document_model().objects.filter(file=path).exists():
        return "document", None
    return None


def owner_allows(user, owner):
    kind, obj = owner
    if kind in ("image", "recording"):
        return can_view_media(user, obj)
    # Documents carry no protocol of their own.
    return True


def served_type(owner, path, handle):
    """``(content type, extension)`` a media file is sent as: what its owner
    was checked to be when it was stored, never what its name says (a file
    stored as ``x.html`` before names were decided by content is still sent
    as the image it is). Anything else is a download."""
    kind, obj = owner
    if kind == "image":
        # Images and renditions: their own header says what they are.
        return uploads.image_type(handle) or DOWNLOAD
    if kind == "recording" and obj.mime_type in uploads.AUDIO_TYPES:
        return obj.mime_type, uploads.AUDIO_TYPES[obj.mime_type]
    extension = uploads.extension_of(path)
    if kind == "document" and extension in uploads.DOCUMENT_TYPES:
        return uploads.DOCUMENT_TYPES[extension], extension
    return DOWNLOAD


def cache_control(owner):
    # A file anyone may see is cached briefly and then revalidated (ETag,
    # Last-Modified: a 304 costs a few bytes), so once it is restricted no
    # browser or proxy serves it for more than a minute. Anything else is
    # never stored, so it cannot outlive the permission it was sent under.
    public = owner_allows(AnonymousUser(), owner)
    return "public, max-age=60" if public else "private, no-store"


@require_safe
def serve_media(request, path):
    owner = None if ".." in path.split("/") else media_owner(path)
    if owner is None or not owner_allows(request.user, owner):
        raise Http404
    try:
        modified = default_storage.get_modified_time(path)
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    content_type, extension = served_type(owner, path, handle)
    return file_response(
        request,
        handle,
        modified=modified,
        content_type=content_type,
        # Only images and recordings are shown in the page; a document or
        # anything unknown is saved, never opened by the browser.
        as_attachment=owner[0] == "document" or content_type == DOWNLOAD[0],
        filename=uploads.stored_name(PurePosixPath(path).name, extension),
        headers={
            "Cache-Control": cache_control(owner),
            "X-Content-Type-Options": "nosniff",
        },
    )


class PublicSitemap(Sitemap):
    """The sitemap is for everyone, so it lists what anyone may see: the
    pages of every language (each language's home page is a translation of
    the site's root page), each with its translations as alternates."""

    def items(self):
        if not hasattr(self, "_pages"):
            homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
            in_a_home = Q()
            for home in homes:
                in_a_home |= Page.objects.descendant_of_q(home, inclusive=True)
            pages = (
                Page.objects.filter(in_a_home)
                .live()
                .public()
                .order_by("path")
                .defer_streamfields()
                .specific()
            )
            self._pages = list(visible_pages(AnonymousUser(), pages))
            # Every URL names its locale; specific() drops select_related.
            locales = Locale.objects.in_bulk()
            for page in self._pages:
                page.locale = locales[page.locale_id]
        return self._pages

    def _urls(self, page, protocol, domain):
        translations = defaultdict(list)
        for item in self.items():
            translations[item.translation_key].append(item)
        urls = []
        for item in self.paginator.page(page).object_list:
            alternates = [
                {
                    "lang_code": version.locale.language_code,
                    "location": version.get_full_url(self.request),
                }
                for version in translations[item.translation_key]
            ]
            alternates += [
                {"lang_code": "x-default", "location": alternate["location"]}
                for alternate in alternates
                if alternate["lang_code"] == DEFAULT_LANGUAGE
            ]
            for url_info in item.get_sitemap_urls(self.request):
                urls.append({**url_info, "alternates": alternates})
        lastmods = [url.get("lastmod") for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
