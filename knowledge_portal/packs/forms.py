from django import forms


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AnswersUploadForm(forms.Form):
    """Answers files saved from a class pack, several at once (the class
    page draws the field: packs/includes/class_pack.html)."""

    files = forms.FileField(widget=MultipleFileInput)

    def clean_files(self):
        # Django's FileField keeps only the last of several files.
        return self.files.getlist("files")
