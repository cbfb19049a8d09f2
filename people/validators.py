import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ORG_NUMBER_RE = re.compile(r"^(\d{6})-?(\d{4})$")


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def with_check_digit(nine_digits: str) -> str:
    """'556712340' → '556712-3404': a made-up organisation number made valid by its Luhn
    check digit, for demo data and tests. Start it with 2 or more in the third place, or it
    reads as a personnummer."""
    check = next(d for d in range(10) if luhn_ok(nine_digits + str(d)))
    digits = nine_digits + str(check)
    return f"{digits[:6]}-{digits[6:]}"


def normalise_org_number(value: str) -> str:
    """'2120002627' or '212000-2627' → '212000-2627' (raises ValidationError if invalid)."""
    validate_org_number(value)
    m = ORG_NUMBER_RE.match(value.strip())
    return f"{m.group(1)}-{m.group(2)}"


def validate_org_number(value: str) -> None:
    """Swedish organisation number: ten digits, third digit ≥ 2, Luhn check digit."""
    m = ORG_NUMBER_RE.match((value or "").strip())
    if not m:
        raise ValidationError(
            _("Ange organisationsnumret som tio siffror, till exempel 123456-7890."), code="format"
        )
    digits = m.group(1) + m.group(2)
    if int(digits[2]) < 2:
        raise ValidationError(
            _("Det här ser ut som ett personnummer. Ange organisationens nummer."), code="personal"
        )
    if not luhn_ok(digits):
        raise ValidationError(
            _("Organisationsnumret stämmer inte: kontrollsiffran är fel. Kontrollera numret."),
            code="checksum",
        )
