"""Confirming account deletion: the password, or the word RADERA for accounts without one."""

from django import forms
from django.utils.translation import gettext_lazy as _

CONFIRM_WORD = "RADERA"


class DeleteAccountForm(forms.Form):
    confirmation = forms.CharField(max_length=200, strip=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["confirmation"]
        if user.has_usable_password():
            field.label = _("Ditt lösenord")
            field.help_text = _("Skriv ditt lösenord för att bekräfta att det är du.")
            field.widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
        else:
            # Accounts created through single sign-on have no password here.
            field.label = _("Skriv RADERA för att bekräfta")
            field.help_text = _("Med versaler: RADERA.")
            field.widget = forms.TextInput(attrs={"autocomplete": "off"})

    def clean_confirmation(self):
        value = self.cleaned_data["confirmation"]
        if self.user.has_usable_password():
            if not self.user.check_password(value):
                raise forms.ValidationError(
                    _("Lösenordet stämmer inte. Kontot är inte raderat."), code="wrong_password"
                )
        elif value.strip() != CONFIRM_WORD:
            raise forms.ValidationError(
                _("Skriv RADERA med versaler för att bekräfta. Kontot är inte raderat."),
                code="wrong_word",
            )
        return value
