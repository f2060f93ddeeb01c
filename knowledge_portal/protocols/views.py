"""Media files, served only after their protocol is checked.

Nothing under MEDIA_ROOT is served any other way: a file that belongs to no
known image, rendition, document or recording is a 404, and so is one its
protocol hides from this visitor. The sitemap lists only public pages.
"""

import mimetypes

from django.contrib.auth.models import AnonymousUser
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .access import can_view_media, visible_pages


def media_owner(path):
    """The image, recording or document a media file belongs to, as
    ``(kind, object)``; None when it belongs to nothing we know."""
    from knowledge_portal.contributions.models import Recording

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


@require_GET
def serve_media(request, path):
    owner = None if ".." in path.split("/") else media_owner(path)
    if owner is None or not owner_allows(request.user, owner):
        raise Http404
    try:
        handle = default_storage.open(path, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    content_type, _encoding = mimetypes.guess_type(path)
    response = FileResponse(
        handle, content_type=content_type or "application/octet-stream"
    )
    public = owner_allows(AnonymousUser(), owner)
    response["Cache-Control"] = (
        "public, max-age=86400" if public else "private, no-store"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


class PublicSitemap(Sitemap):
    """The sitemap is for everyone, so it lists what anyone may see."""

    def items(self):
        return visible_pages(AnonymousUser(), super().items())
