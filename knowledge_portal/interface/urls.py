from django.urls import path

from . import views

urlpatterns = [
    path(
        "workbench/interface/",
        views.interface_strings,
        name="interface_strings",
    ),
]
