"""API fields that show only what the requesting user may see."""

from rest_framework import serializers

from .access import can_show_page, can_view_image, can_view_media


class VisibleToUserField(serializers.Field):
    """A read-only field computed from the page and the requesting user."""

    def __init__(self, render, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)
        self.render = render

    def to_representation(self, page):
        return self.render(page, self.context["request"].user)


def gallery_for_api(page, user):
    return [
        {
            "image": item.image_id,
            "caption": item.caption,
            "credit": item.credit,
        }
        for item in page.gallery_images.select_related("image")
        if can_view_image(user, item.image)
    ]


def companions_for_api(page, user):
    return [
        {
            "id": link.companion_id,
            "title": link.companion.title,
            "slug": link.companion.slug,
        }
        for link in page.companions.select_related("companion")
        if can_show_page(user, link.companion)
    ]


def recordings_for_api(page, user):
    return [
        {"title": link.recording.title, "url": link.recording.file.url}
        for link in page.recordings.select_related("recording")
        if can_view_media(user, link.recording)
    ]


class CreditedCommunitiesField(serializers.Field):
    """The communities a page is credited to, by slug and name (their names
    are public: each has a community page)."""

    def __init__(self, **kwargs):
        super().__init__(read_only=True, **kwargs)

    def to_representation(self, communities):
        return [
            {"slug": community.slug, "name": community.name}
            for community in communities.all()
        ]
