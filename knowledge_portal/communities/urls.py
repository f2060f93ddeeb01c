from django.urls import path

from . import stewardship_views

urlpatterns = []

# Protocol stewardship: a community's stewards and its items' protocols.
urlpatterns += [
    path(
        "communities/<slug:slug>/protocols/",
        stewardship_views.community_protocols,
        name="community_protocols",
    ),
    path(
        "communities/<slug:slug>/protocols/<str:kind>/<int:pk>/",
        stewardship_views.change_item_protocol,
        name="change_item_protocol",
    ),
]
