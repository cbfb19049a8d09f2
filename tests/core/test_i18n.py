"""The English catalogue is complete and actually used: Swedish at "/", English at "/en/"."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from wagtail.models import Locale, Page, Site

from umecom.core.models import HomePage

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
EN_PO = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}")


def _unquote(token: str) -> str:
    body = token.strip()[1:-1]
    return re.sub(r'\\(["\\nt])', lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), body)


def parse_po(path: Path) -> list[dict]:
    """Just enough of the .po format for makemessages output (polib is not installed)."""
    entries, current, field = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if current is not None:
                entries.append(current)
            current, field = None, None
            continue
        if current is None:
            current = {
                "flags": set(),
                "msgid": "",
                "msgid_plural": None,
                "msgstr": {},
                "obsolete": False,
            }
        if line.startswith("#~"):
            current["obsolete"] = True
        elif line.startswith("#,"):
            current["flags"] |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := re.match(
            r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$', line
        ):
            keyword, index, value = match.groups()
            field = ("msgstr", int(index or 0)) if keyword == "msgstr" else (keyword, None)
            if keyword == "msgstr":
                current["msgstr"][field[1]] = _unquote(value)
            else:
                current[keyword] = _unquote(value)
        elif line.startswith('"') and field is not None:
            if field[0] == "msgstr":
                current["msgstr"][field[1]] += _unquote(line)
            else:
                current[field[0]] = (current[field[0]] or "") + _unquote(line)
    return [e for e in entries if not e["obsolete"] and e["msgid"] != ""]


def require_gettext(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is missing: install GNU gettext (apt-get install -y gettext)")
    return path


@pytest.fixture
def compiled_catalogues(settings, tmp_path):
    """Compile the committed .po files ourselves, so the test checks them and not a stale .mo."""
    msgfmt = require_gettext("msgfmt")
    for po in LOCALE_DIR.glob("*/LC_MESSAGES/django.po"):
        target = tmp_path / po.relative_to(LOCALE_DIR).with_suffix(".mo")
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([msgfmt, "--check", "-o", str(target), str(po)], check=True)  # noqa: S603
    # Changing LOCALE_PATHS makes Django drop its cached translations (setting_changed).
    settings.LOCALE_PATHS = [tmp_path]


@pytest.fixture
def bilingual_home(db):
    sv, _ = Locale.objects.get_or_create(language_code="sv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePage(title="Umecom", slug="i18n-hem", hero_heading="Tillsammans för Umeå", locale=sv)
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    Site.objects.filter(is_default_site=True).update(root_page=home)
    english = home.copy_for_translation(en)
    english.hero_heading = "Together for Umeå"
    english.save_revision().publish()
    return home


def test_english_catalogue_has_an_english_translation_for_every_msgid():
    entries = parse_po(EN_PO)
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values()) or not e["msgstr"]]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    plurals_incomplete = [
        e["msgid"] for e in entries if e["msgid_plural"] is not None and len(e["msgstr"]) < 2
    ]

    assert len(entries) > 100  # the parser really read the catalogue
    assert untranslated == [], f"msgids without English msgstr: {untranslated}"
    assert fuzzy == [], f"fuzzy entries need checking: {fuzzy}"
    assert plurals_incomplete == []


def test_english_translations_keep_the_placeholders_of_the_swedish_source():
    broken = []
    for entry in parse_po(EN_PO):
        sources = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for index, translation in entry["msgstr"].items():
            source = sources[min(index, 1)]
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(translation)):
                broken.append((source, translation))
    assert broken == []


@pytest.mark.usefixtures("compiled_catalogues")
def test_english_home_page_renders_english_interface_strings(client, bilingual_home):
    html = client.get("/en/").content.decode()

    assert '<html lang="en"' in html
    assert "Skip to content" in html
    assert "Hoppa till innehållet" not in html
    assert "Together for Umeå" in html


@pytest.mark.usefixtures("compiled_catalogues")
def test_swedish_home_page_renders_swedish_interface_strings(client, bilingual_home):
    html = client.get("/").content.decode()

    assert '<html lang="sv"' in html
    assert "Hoppa till innehållet" in html
    assert "Skip to content" not in html


def test_every_translatable_string_in_the_code_is_in_the_english_catalogue(tmp_path):
    """Re-extract the strings from a copy of the source tree and compare with the catalogue,
    so a string added after the last translation pass fails here instead of showing Swedish
    on the English site."""
    require_gettext("xgettext")
    source = Path(settings.BASE_DIR)
    copy = tmp_path / "src"
    skip = {".venv", "node_modules", "staticfiles", "var", ".git", "test-artifacts", "media"}
    shutil.copytree(
        source,
        copy,
        ignore=lambda directory, names: [
            n for n in names if n in skip or n == "__pycache__" or n.endswith((".pyc", ".mo"))
        ],
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "umecom.settings.test"}
    env["UMECOM_VAR_DIR"] = str(tmp_path / "var")
    subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "makemessages", "-l", "en", "-v0"]
        + [f"--ignore={name}" for name in sorted(skip)],
        cwd=copy,
        env=env,
        check=True,
    )
    entries = parse_po(copy / "locale" / "en" / "LC_MESSAGES" / "django.po")
    missing = [e["msgid"] for e in entries if not e["msgstr"] or not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]

    assert len(entries) > 100
    assert missing == [], (
        "strings without an English translation; run `manage.py makemessages -l en -l sv "
        "--ignore=.venv --ignore=node_modules --ignore=staticfiles --ignore=var` and "
        f"translate them in locale/en: {missing}"
    )
    assert fuzzy == [], f"changed strings whose translation needs checking: {fuzzy}"
