from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

urlpatterns = [
    path("join/", views.join, name="join"),
    path("my-learning/", views.my_learning, name="my_learning"),
    path(
        "my-learning/<int:pk>/done/",
        views.mark_assignment_done,
        name="mark_assignment_done",
    ),
    path("classes/", views.class_list, name="class_list"),
    path("classes/<int:pk>/", views.class_detail, name="class_detail"),
    path(
        "classes/<int:pk>/assignments/<int:assignment_pk>/",
        views.assignment_edit,
        name="assignment_edit",
    ),
    path(
        "classes/<int:pk>/assignments/<int:assignment_pk>/remove/",
        views.assignment_remove,
        name="assignment_remove",
    ),
    path(
        "classes/<int:pk>/progress.csv",
        views.class_progress_csv,
        name="class_progress_csv",
    ),
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/welcome/", views.after_login, name="after_login"),
]
