"""`umecom.widgets.PlainSelect` renders exactly what Django's template-based Select renders."""

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from umecom.widgets import PlainSelect

CHOICES = [("", _("Alla")), ("a", "Ett <val>"), ("b&c", 'Citat "här"'), ("ö", "Åäö")]
GROUPED = [("Grupp <1>", [("x", "X"), ("y", "Y")]), ("z", "Z utan grupp")]

CASES = {
    "nothing selected": ({}, CHOICES, ""),
    "one selected": ({}, CHOICES, "b&c"),
    "unknown value": ({}, CHOICES, "finns-inte"),
    "attributes": (
        {"id": "id_tema", "aria-describedby": "hjälp <1>", "required": True, "disabled": False},
        CHOICES,
        "a",
    ),
    "safe attribute": ({"data-x": mark_safe("<b>")}, CHOICES, "a"),
    "option groups": ({"id": "g"}, GROUPED, "y"),
    "numbers as values": ({}, [(1, "Ett"), (2, "Två")], 2),
    "no choices": ({}, [], ""),
}


@pytest.mark.parametrize("case", CASES)
def test_plain_select_renders_the_same_markup_as_django(case):
    attrs, choices, value = CASES[case]
    expected = forms.Select(choices=choices).render("tema", value, attrs=attrs)
    assert PlainSelect(choices=choices).render("tema", value, attrs=attrs) == expected


def test_a_bound_filter_field_renders_the_same_as_with_djangos_select():
    class Form(forms.Form):
        tema = forms.ChoiceField(label="Tema", choices=CHOICES, required=False)

    class PlainForm(Form):
        tema = forms.ChoiceField(label="Tema", choices=CHOICES, required=False, widget=PlainSelect)

    for data in ({"tema": "a"}, {"tema": "bogus"}, None):
        assert str(PlainForm(data)["tema"]) == str(Form(data)["tema"])


def test_labels_that_are_not_text_fall_back_to_djangos_templates():
    choices = [(1, 1000), (2, 2000)]  # a template would localise the numbers
    expected = forms.Select(choices=choices).render("n", 1)
    assert PlainSelect(choices=choices).render("n", 1) == expected
