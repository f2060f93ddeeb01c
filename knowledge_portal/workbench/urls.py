from django.urls import path

from . import views

urlpatterns = [
    path("workbench/", views.landing, name="workbench"),
    path("workbench/<str:language>/", views.text_queue, name="workbench_queue"),
    path(
        "workbench/<str:language>/<int:page_id>/<str:key>/",
        views.text_edit,
        name="workbench_text",
    ),
    path(
        "workbench/<str:language>/<int:page_id>/<str:key>/review/",
        views.text_mark_reviewed,
        name="workbench_mark_reviewed",
    ),
    path(
        "workbench/<str:language>/<int:page_id>/<str:key>/confirm/",
        views.text_confirm,
        name="workbench_confirm",
    ),
]
