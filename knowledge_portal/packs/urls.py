from django.urls import path

from . import views

urlpatterns = [
    path("classes/<int:pk>/pack.zip", views.class_pack, name="class_pack"),
    path("classes/<int:pk>/answers/", views.class_answers, name="class_answers"),
]
