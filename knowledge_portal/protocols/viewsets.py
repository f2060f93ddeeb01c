"""Admin viewsets over items that carry or hang on a protocol.

``VisibleOnlySnippetViewSet`` wraps every view of a snippet viewset (listing,
edit, delete, usage, history, inspect, copy, the chooser) so that an item
``visible(user, queryset)`` leaves out does not exist for ``user``: a 404,
as on every other door. A view Wagtail adds later is wrapped too, since every
``*_view_class`` is.
"""

from django.http import Http404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.views.generic.chooser import BaseChooseView
from wagtail.models import Page
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from .access import hidden_media_ids, visible_pages
from .forms import ProtocolFormMixin, protocol_panel
from .models import Recording


def _visible_only(view_class, visible):
    """``view_class`` where an item ``visible`` leaves out does not exist:
    listings (the index, the chooser) leave it out, screens of one item
    answer 404."""
    methods = {}
    if issubclass(view_class, generic.IndexView):

        def get_base_queryset(self):
            return visible(self.request.user, super(cls, self).get_base_queryset())

        methods["get_base_queryset"] = get_base_queryset
    if issubclass(view_class, BaseChooseView):

        def get_object_list(self):
            return visible(self.request.user, super(cls, self).get_object_list())

        methods["get_object_list"] = get_object_list

    def get_object(self, *args, **kwargs):
        obj = super(cls, self).get_object(*args, **kwargs)
        if obj is not None and not _is_visible(self.request.user, obj, visible):
            raise Http404
        return obj

    def get_objects(self, *args, **kwargs):
        return visible(self.request.user, super(cls, self).get_objects(*args, **kwargs))

    if hasattr(view_class, "get_object"):
        methods["get_object"] = get_object
    if hasattr(view_class, "get_objects"):
        methods["get_objects"] = get_objects
    cls = type(f"VisibleOnly{view_class.__name__}", (view_class,), methods)
    return cls


def _is_visible(user, obj, visible):
    return visible(user, type(obj)._default_manager.filter(pk=obj.pk)).exists()


def _wrap_view_classes(viewset, visible):
    for name in dir(type(viewset)):
        # Properties (the revert view) derive from a wrapped class.
        if name.endswith("_view_class") and not isinstance(
            getattr(type(viewset), name), property
        ):
            view_class = getattr(viewset, name, None)
            if isinstance(view_class, type):
                setattr(viewset, name, _visible_only(view_class, visible))


class VisibleOnlySnippetViewSet(SnippetViewSet):
    """A snippet viewset whose items go through ``visible(user, queryset)``."""

    def visible(self, user, queryset):
        raise NotImplementedError

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _wrap_view_classes(self, self.visible)

    @property
    def chooser_viewset(self):
        viewset = self.chooser_viewset_class(
            self.get_chooser_admin_url_namespace(),
            model=self.model,
            url_prefix=self.get_chooser_admin_base_path(),
            icon=self.icon,
            per_page=self.chooser_per_page,
        )
        _wrap_view_classes(viewset, self.visible)
        return viewset


class KeptSelectChooserViewSet(SnippetChooserViewSet):
    # Forms that link to the item keep their own select, which
    # ``forms.keep_hidden_links`` already limits to what the editor may see.
    register_widget = False


def visible_by_page(user, queryset):
    """Rows hanging on a page (``page`` foreign key): those of pages the user
    may see."""
    return queryset.filter(page__in=visible_pages(user, Page.objects.all()))


def visible_recordings(user, queryset):
    hidden = hidden_media_ids(user, Recording)
    return queryset.exclude(pk__in=hidden) if hidden else queryset


class RecordingForm(ProtocolFormMixin, WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._add_protocol_fields()


class RecordingViewSet(VisibleOnlySnippetViewSet):
    model = Recording
    icon = "media"
    add_to_admin_menu = False
    list_display = ["__str__", "access", "created_at"]
    list_filter = ["access"]
    search_fields = None
    chooser_viewset_class = KeptSelectChooserViewSet
    edit_handler = ObjectList(
        [FieldPanel("title"), protocol_panel()], base_form_class=RecordingForm
    )

    def visible(self, user, queryset):
        return visible_recordings(user, queryset)
