"""Wagtail's admin image and document forms, checked by ``core.uploads``.

Named in settings (WAGTAILIMAGES_IMAGE_FORM_BASE, WAGTAILDOCS_DOCUMENT_FORM_BASE),
so every admin upload (the add and edit forms, the multiple uploader and the
upload tab of the choosers) applies the same rules as the contribution forms,
and is stored under the name ``uploads.stored_name`` gives it.
"""

from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from . import uploads


class CheckedImageField(WagtailImageField):
    def to_python(self, data):
        # Before Wagtail's own checks, which fail with a server error on a
        # truncated image (a photo half sent over a poor connection), and
        # which then find the extension matching the content.
        if isinstance(data, UploadedFile):
            extension = uploads.validate_image_upload(data)
            data.name = uploads.stored_name(data.name, extension)
        return super().to_python(data)


class CheckedImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        wagtail_field = self.fields.get("file")
        # The multiple uploader's edit form has no file field.
        if wagtail_field is not None:
            self.fields["file"] = CheckedImageField(
                label=wagtail_field.label,
                required=wagtail_field.required,
                widget=wagtail_field.widget,
            )


class CheckedDocumentForm(BaseDocumentForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Other extensions are refused, by name, by Wagtail's Document.clean().
        # On edit without a new file this is the stored file: nothing to check.
        if (
            isinstance(uploaded, UploadedFile)
            and uploads.extension_of(uploaded.name) in uploads.DOCUMENT_EXTENSIONS
        ):
            extension = uploads.validate_document_upload(uploaded)
            uploaded.name = uploads.stored_name(uploaded.name, extension)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        uploaded = self.files.get(self.add_prefix("file"))
        if uploaded is not None and self.has_error("file"):
            # Document.clean() checks the extension of the instance's file,
            # still empty after a refused upload: give it the upload's name,
            # or it adds an error about an extension "".
            self.instance.file = uploaded
        return cleaned
