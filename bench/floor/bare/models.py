from django.db import models
from wagtail.models import Page


class BarePage(Page):
    """A title and a paragraph: the page the floor serves."""

    body = models.TextField(blank=True)
