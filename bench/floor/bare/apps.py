from django.apps import AppConfig


class BareConfig(AppConfig):
    name = "floor.bare"
    label = "bare"
