from django.urls import path, re_path

from knowledge_portal.core.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES

from . import views

# Only the languages translated into: /workbench/<anything else>/ is left to
# other screens (the interface strings' /workbench/interface/).
LANGUAGE = "(?P<language>{})".format(
    "|".join(code for code in LANGUAGE_CODES if code != DEFAULT_LANGUAGE)
)
TEXT = rf"^workbench/{LANGUAGE}/(?P<page_id>[0-9]+)/(?P<key>[^/]+)/"

urlpatterns = [
    path("workbench/", views.landing, name="workbench"),
    re_path(rf"^workbench/{LANGUAGE}/$", views.text_queue, name="workbench_queue"),
    re_path(rf"{TEXT}$", views.text_edit, name="workbench_text"),
    re_path(
        rf"{TEXT}review/$", views.text_mark_reviewed, name="workbench_mark_reviewed"
    ),
    re_path(rf"{TEXT}confirm/$", views.text_confirm, name="workbench_confirm"),
]
