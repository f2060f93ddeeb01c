"""Two of Wagtail's admin views, adjusted; urls.py routes their addresses here
before Wagtail's, so they carry the decorators Wagtail's URLs give them."""

from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import account

from knowledge_portal.learning.forms import keep_name_as_typed

from . import ratelimits


class AdminLoginView(ratelimits.LimitedAdminLoginMixin, account.LoginView):
    """Wagtail's sign-in, under the same limits as the site's, its name field
    kept as typed like the site's."""

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        keep_name_as_typed(form.fields["username"])
        return form


class AccountView(account.AccountView):
    """Wagtail's account settings without the profile picture upload: the
    picture could never be shown (media files are served only for images,
    recordings and documents whose protocol allows it), and it would be a
    way for files to get in unchecked by core.uploads."""

    def get_panels(self):
        return [panel for panel in super().get_panels() if panel.name != "avatar"]


login = never_cache(AdminLoginView.as_view())
account_settings = never_cache(require_admin_access(AccountView.as_view()))
