from django.urls import path

from . import views

urlpatterns = [
    path("contribute/plant/", views.new_plant, name="contribute_plant"),
]
