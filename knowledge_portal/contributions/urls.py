from django.urls import path

from . import views

urlpatterns = [
    path("contribute/", views.start, name="contribute"),
    path("contribute/note/", views.choose_plant, name="contribute_choose_plant"),
    path("contribute/note/<int:plant_id>/", views.new_note, name="contribute_note"),
    path("contribute/mine/", views.my_contributions, name="my_contributions"),
]
