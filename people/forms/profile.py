"""The "Min profil" form: every field a member controls about themselves."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from people.images import process_avatar
from people.models import Profile, ProfileLink, Visibility
from people.services.profiles import EDITABLE_FIELDS, AvatarChange
from umecom.taxonomy.models import District

MAX_TAGS = 15
MAX_TAG_LENGTH = 50
MAX_LINKS = 3


def parse_tag_list(value: str) -> list[str]:
    """Comma-separated names → unique names in typed order (commas only, so spaces stay)."""
    seen: dict[str, str] = {}
    for part in (value or "").split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen[name.casefold()] = name
    return list(seen.values())


class TagListField(forms.CharField):
    """A comma-separated text input; a <datalist> (and tags.js) suggest existing tags."""

    def __init__(self, *, tag_set: str, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 1000)
        super().__init__(**kwargs)
        self.widget.attrs.update(
            {
                "list": f"taggar-{tag_set}",
                "data-tag-set": tag_set,
                "data-endpoint": reverse_lazy("people:tag_autocomplete"),
                "autocomplete": "off",
            }
        )

    def clean(self, value):
        names = parse_tag_list(super().clean(value))
        if len(names) > MAX_TAGS:
            raise ValidationError(
                _("Ange högst %(max)s ord, separerade med kommatecken."),
                code="too_many_tags",
                params={"max": MAX_TAGS},
            )
        too_long = [name for name in names if len(name) > MAX_TAG_LENGTH]
        if too_long:
            raise ValidationError(
                _("”%(name)s” är för långt. Varje ord får vara högst %(max)s tecken."),
                code="tag_too_long",
                params={"name": too_long[0][:60], "max": MAX_TAG_LENGTH},
            )
        return names


def skills_field() -> TagListField:
    return TagListField(
        tag_set="kompetens",
        label=_("Kompetenser"),
        help_text=_(
            "Vad du kan bidra med. Separera med kommatecken, till exempel: "
            "programmering, projektledning, illustration."
        ),
    )


def interests_field() -> TagListField:
    return TagListField(
        tag_set="intresse",
        label=_("Intressen"),
        help_text=_(
            "Vad du brinner för. Separera med kommatecken, till exempel: "
            "cykling, stadsodling, äldreomsorg."
        ),
    )


def districts_field() -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        queryset=District.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Stadsdelar"),
        help_text=_("Var i Umeå du bor, arbetar eller vill engagera dig."),
    )


def tag_initial(profile: Profile) -> dict:
    if profile.pk is None:
        return {}
    return {
        "skills": ", ".join(sorted(t.name for t in profile.skills.all())),
        "interests": ", ".join(sorted(t.name for t in profile.interests.all())),
    }


class ProfileForm(forms.ModelForm):
    skills = skills_field()
    interests = interests_field()
    districts = districts_field()
    avatar = forms.FileField(
        label=_("Profilbild"),
        required=False,
        help_text=_("JPEG, PNG eller WebP, högst 5 MB. Bilden förminskas till 512 × 512 pixlar."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    remove_avatar = forms.BooleanField(label=_("Ta bort min profilbild"), required=False)

    class Meta:
        model = Profile
        fields = [
            "display_name",
            "actor_type",
            "bio",
            "languages",
            "hours_per_month",
            "visibility",
            "findable_for_projects",
            "invitable_to_teams",
            "email_frequency",
            "language",
        ]
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 5}),
            "visibility": forms.RadioSelect,
            "email_frequency": forms.RadioSelect,
        }
        error_messages = {
            "bio": {
                "max_length": _(
                    "Presentationen får vara högst %(limit_value)d tecken. "
                    "Nu är den %(show_value)d tecken."
                )
            }
        }
        help_texts = {
            "bio": _("Högst 600 tecken."),
            "visibility": _("Din e-postadress visas aldrig för någon annan."),
            "findable_for_projects": _(
                "Projektteam kan hitta dig när de söker någon med dina kompetenser."
            ),
            "invitable_to_teams": _("Projektteam kan skicka dig en inbjudan att gå med."),
        }

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk:
            kwargs["initial"] = {
                **tag_initial(instance),
                "districts": list(instance.districts.all()),
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.fields["visibility"].choices = Visibility.choices
        # Older forms (and onboarding) may not send these: keep what is stored.
        for name in ("email_frequency", "language"):
            self.fields[name].required = False
            self.fields[name].choices = [c for c in self.fields[name].choices if c[0] != ""]
        # Widgets that plain FileInput does not render cleanly: keep it a simple file input.
        self.fields["avatar"].widget = forms.FileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp"}
        )

    def clean_email_frequency(self):
        return self.cleaned_data.get("email_frequency") or self.instance.email_frequency

    def clean_language(self):
        return self.cleaned_data.get("language") or self.instance.language

    def clean_avatar(self):
        upload = self.cleaned_data.get("avatar")
        if not upload:
            return None
        return process_avatar(upload)

    def avatar_change(self) -> AvatarChange:
        if self.cleaned_data.get("avatar") is not None:
            return AvatarChange(content=self.cleaned_data["avatar"])
        return AvatarChange(remove=bool(self.cleaned_data.get("remove_avatar")))

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "data": {field: data[field] for field in EDITABLE_FIELDS},
            "skills": data["skills"],
            "interests": data["interests"],
            "districts": data["districts"],
            "avatar": self.avatar_change(),
            "findable": data["findable_for_projects"],
            "invitable": data["invitable_to_teams"],
        }


class LinkForm(forms.ModelForm):
    """One link row. Both parts are required once a row is filled in; each says what it needs
    in one message (not Django's generic "required" or "valid URL" beside ours)."""

    class Meta:
        model = ProfileLink
        fields = ["label", "url"]
        error_messages = {
            "label": {"required": _("Skriv en text som beskriver länken.")},
            "url": {
                "required": _("Ange en adress som börjar med https://."),
                "invalid": _("Ange en adress som börjar med https://."),
            },
        }


class BaseLinkFormSet(BaseInlineFormSet):
    default_error_messages = {
        "too_many_forms": _("Du kan ha högst %(num)d länkar."),
    }

    def links(self) -> list[tuple[str, str]]:
        """The links to keep, in order; blank and deleted rows dropped."""
        result = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if not data or data.get("DELETE"):
                continue
            if data.get("label") and data.get("url"):
                result.append((data["label"], data["url"]))
        return result

    def clean(self):
        super().clean()
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data.get("DELETE"):
                continue
            # A field that already failed (required, not an address) has said what is wrong:
            # a second message about the same field only repeats it.
            if data.get("url") and not data.get("label") and not form.has_error("label"):
                form.add_error("label", _("Skriv en text som beskriver länken."))
            elif data.get("label") and not data.get("url") and not form.has_error("url"):
                form.add_error("url", _("Ange en adress som börjar med https://."))


LinkFormSet = inlineformset_factory(
    Profile,
    ProfileLink,
    form=LinkForm,
    formset=BaseLinkFormSet,
    fields=["label", "url"],
    extra=MAX_LINKS,
    max_num=MAX_LINKS,
    validate_max=True,
    absolute_max=10,
    can_delete=True,
)
