"""Forms of the public idea pages. They only parse and validate what was typed; the rules
live in projects/services/ideas.py and projects/permissions.py."""

from __future__ import annotations

import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from people.forms.profile import TagListField
from people.images import process_avatar
from umecom.taxonomy.models import District, Theme

from . import attachments as checks
from .models import FlagReason
from .text import as_editable

IDEA_IMAGE_SIDE = 1200


def new_client_token() -> str:
    return secrets.token_hex(16)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one input; each is checked by content (projects/attachments.py), and
    every refused file is named in its own message."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = [f for f in (data if isinstance(data, (list, tuple)) else [data]) if f]
        checked, errors = [], []
        for upload in uploads:
            try:
                checked.append(checks.check_upload(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked


def _attachment_label(attachment) -> str:
    return f"{attachment.name} ({attachment.type_label}, {filesizeformat(attachment.size)})"


def _attachments_help():
    return _(
        "Valfritt, högst %(count)s filer på högst %(size)s var: PDF, ODT, ODS, ODP, DOCX, "
        "XLSX, PPTX, PNG, JPEG, TXT eller CSV. Bilagorna syns för alla när idén är publicerad."
    ) % {"count": checks.max_count(), "size": filesizeformat(checks.max_bytes())}


class IdeaForm(forms.Form):
    title = forms.CharField(
        label=_("Rubrik"),
        max_length=140,
        help_text=_("Säg kort vad idén går ut på."),
        widget=forms.TextInput(attrs={"data-similar-source": "title", "autocomplete": "off"}),
    )
    summary = forms.CharField(
        label=_("Sammanfattning"),
        max_length=400,
        help_text=_("Två eller tre meningar som visas i listan över idéer (högst 400 tecken)."),
        widget=forms.Textarea(attrs={"rows": 3, "data-similar-source": "summary"}),
    )
    description = forms.CharField(
        label=_("Beskrivning"),
        required=False,
        max_length=20000,
        # Help text is printed as HTML (Django treats it as safe): escaped, so the examples
        # read as the code to type instead of becoming a real list and an unclosed link.
        help_text=escape(
            _(
                "Berätta mer: vad vill du göra, för vem och hur? Tom rad ger nytt stycke. Du kan "
                "använda <strong>fetstil</strong>, <em>kursiv</em>, listor (<ul><li>) och länkar "
                "(<a href=…>); annan kod tas bort."
            )
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Teman"),
        queryset=Theme.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Stadsdelar"),
        queryset=District.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Var i Umeå idén gör skillnad."),
    )
    tags = TagListField(
        tag_set="idé",
        label=_("Taggar"),
        help_text=_("Egna ord som beskriver idén, separerade med kommatecken."),
    )
    image = forms.FileField(
        label=_("Bild"),
        required=False,
        help_text=_(
            "Valfri. JPEG, PNG eller WebP, högst 5 MB. Vi tar bort platsuppgifter ur bilden."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    image_alt = forms.CharField(
        label=_("Vad visar bilden?"),
        required=False,
        max_length=200,
        help_text=_("En kort beskrivning för den som inte ser bilden."),
    )
    remove_image = forms.BooleanField(label=_("Ta bort bilden"), required=False)
    attachments = AttachmentsField(
        label=_("Bilagor"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": checks.ACCEPT}),
    )
    remove_attachments = forms.ModelMultipleChoiceField(
        label=_("Ta bort bilagor"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    client_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=40)
    similar_checked = forms.CharField(widget=forms.HiddenInput, required=False, max_length=1)

    def __init__(self, *args, has_image: bool = False, idea=None, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_image:
            del self.fields["remove_image"]
        self.fields["attachments"].help_text = _attachments_help()
        self.existing_attachments = list(idea.attachments.all()) if idea is not None else []
        if self.existing_attachments:
            field = self.fields["remove_attachments"]
            field.queryset = idea.attachments.all()
            field.label_from_instance = lambda a: (
                f"{a.name} ({a.type_label}, {filesizeformat(a.size)})"
            )
        else:
            del self.fields["remove_attachments"]

    def clean_image(self):
        upload = self.cleaned_data.get("image")
        if not upload:
            return None
        return process_avatar(upload, max_side=IDEA_IMAGE_SIDE)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("image") and not (cleaned.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Beskriv kort vad bilden visar."))
        removing = {a.pk for a in cleaned.get("remove_attachments") or []}
        kept = len([a for a in self.existing_attachments if a.pk not in removing])
        adding = len(cleaned.get("attachments") or [])
        if adding and kept + adding > checks.max_count():
            self.add_error(
                "attachments",
                _("En idé kan ha högst %(max)s bilagor, och du har redan %(have)s. Ta bort "
                  "någon eller välj färre filer.") % {"max": checks.max_count(), "have": kept},
            )  # fmt: skip
        if self.errors and "image" in self.files:
            # The browser cannot refill a file input: say so, next to the kept text.
            self.add_error(
                None, _("Välj bilden igen innan du sparar, allt annat du skrev finns kvar.")
            )
        if self.errors and "attachments" in self.files:
            self.add_error(
                None,
                _("Välj bilagorna igen innan du sparar (de som inte avvisades), allt annat du "
                  "skrev finns kvar."),
            )  # fmt: skip
        return cleaned

    @staticmethod
    def initial_for(idea) -> dict:
        return {
            "title": idea.title,
            "summary": idea.summary,
            "description": as_editable(idea.description),
            "themes": list(idea.themes.all()),
            "districts": list(idea.districts.all()),
            "tags": ", ".join(sorted(t.name for t in idea.tags.all())),
            "image_alt": idea.image_alt,
        }


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Varför anmäler du idén?"), choices=FlagReason.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Berätta mer (valfritt)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CoAuthorInviteForm(forms.Form):
    name = forms.CharField(
        label=_("Bjud in en medförfattare"),
        max_length=80,
        help_text=_("Skriv personens visningsnamn precis som det står på Umecom."),
    )
