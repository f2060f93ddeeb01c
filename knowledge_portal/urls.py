from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from knowledge_portal.api import api_router
from knowledge_portal.protocols.admin_views import admin_urls as protocol_admin_urls
from knowledge_portal.search import views as search_views
from knowledge_portal.site import admin_views, media
from knowledge_portal.site import views as site_views

urlpatterns = [
    # Before Wagtail's own views at the same addresses.
    path("admin/login/", admin_views.login),
    path("admin/account/", admin_views.account_settings),
    path(
        "admin/pages/workflow/action/<int:page_id>/<slug:action_name>/"
        "<int:task_state_id>/",
        admin_views.workflow_action,
    ),
    path("admin/", include(protocol_admin_urls)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": media.PublicSitemap}}),
    path(
        settings.MEDIA_URL.strip("/") + "/<path:path>",
        media.serve_media,
        name="serve_media",
    ),
]

urlpatterns += i18n_patterns(
    path("search/", search_views.search, name="search"),
    path(
        "search/autocomplete/",
        search_views.autocomplete,
        name="search_autocomplete",
    ),
    path(
        "translation/<uuid:translation_key>/",
        site_views.untranslated,
        name="untranslated",
    ),
    path("", include("knowledge_portal.learning.urls")),
    path("", include("knowledge_portal.packs.urls")),
    path("", include("knowledge_portal.plants.urls")),
    path("", include("knowledge_portal.contributions.urls")),
    path("", include("knowledge_portal.communities.urls")),
    path("", include("knowledge_portal.interface.urls")),
    path("review/", site_views.review_list, name="review_list"),
    path("review/mark/", site_views.mark_reviewed, name="mark_reviewed"),
    path("", include("knowledge_portal.workbench.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# 403 and 404 are Django's own views, rendering 403.html and 404.html with the
# request; the 500 page must draw without the database.
handler500 = site_views.server_error
