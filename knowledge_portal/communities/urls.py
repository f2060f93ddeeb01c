from django.urls import path

from . import stewardship_views, views

urlpatterns = [
    path("communities/join/", views.community_join, name="community_join"),
    path("communities/mine/", views.my_communities, name="my_communities"),
    path(
        "communities/<slug:slug>/ask/",
        views.community_ask_to_join,
        name="community_ask_to_join",
    ),
    path(
        "communities/<slug:slug>/leave/",
        views.community_leave,
        name="community_leave",
    ),
    path(
        "communities/<slug:slug>/manage/",
        views.community_members,
        name="community_members",
    ),
    path(
        "communities/<slug:slug>/manage/members/<int:pk>/",
        views.community_member,
        name="community_member",
    ),
    path(
        "communities/<slug:slug>/manage/members/<int:pk>/remove/",
        views.community_member_remove,
        name="community_member_remove",
    ),
    path(
        "communities/<slug:slug>/manage/codes/",
        views.community_codes,
        name="community_codes",
    ),
    path(
        "communities/<slug:slug>/manage/codes/<int:pk>/revoke/",
        views.community_code_revoke,
        name="community_code_revoke",
    ),
    path(
        "communities/<slug:slug>/manage/requests/",
        views.community_requests,
        name="community_requests",
    ),
    path(
        "communities/<slug:slug>/manage/requests/<int:pk>/<slug:decision>/",
        views.community_request_decide,
        name="community_request_decide",
    ),
    path(
        "communities/<slug:slug>/manage/log/",
        views.community_log,
        name="community_log",
    ),
]

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
