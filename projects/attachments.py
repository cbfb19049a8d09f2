"""What an idea attachment may be, decided by its content and not only by its name.

`check_upload(upload)` reads the first bytes (and, for office files, the zip's table of
contents, never its compressed data) and returns a `CheckedFile` with the type we store and
serve, or raises `ValidationError` with a message fit to show the user, naming the file.

Types: PDF, OpenDocument (odt/ods/odp), Office Open XML (docx/xlsx/pptx), PNG, JPEG, plain
text and CSV. The file's extension must agree with what its content is, so a program renamed
to .pdf, or a PDF renamed to .txt, is refused.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_COUNT = 5

# extension → (content type served, kind the content must have)
TYPES: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "odt": ("application/vnd.oasis.opendocument.text", "odf"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "odf"),
    "odp": ("application/vnd.oasis.opendocument.presentation", "odf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "ooxml",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "ooxml",
    ),
    "png": ("image/png", "png"),
    "jpg": ("image/jpeg", "jpeg"),
    "jpeg": ("image/jpeg", "jpeg"),
    "txt": ("text/plain; charset=utf-8", "text"),
    "csv": ("text/csv; charset=utf-8", "text"),
}
# The part an Office Open XML package of each type must contain.
OOXML_MAIN_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ACCEPT = ",".join(f".{ext}" for ext in TYPES)
# Short labels for the idea page ("PDF, 2,1 MB").
LABELS = {
    "application/pdf": "PDF",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "application/vnd.oasis.opendocument.presentation": "ODP",
    TYPES["docx"][0]: "DOCX",
    TYPES["xlsx"][0]: "XLSX",
    TYPES["pptx"][0]: "PPTX",
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "text/plain; charset=utf-8": "TXT",
    "text/csv; charset=utf-8": "CSV",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# Text files: control characters other than tab, newlines and form feed mean binary content.
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")


def max_bytes() -> int:
    return int(getattr(settings, "IDEA_ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_count() -> int:
    return int(getattr(settings, "IDEA_ATTACHMENT_MAX_COUNT", DEFAULT_MAX_COUNT))


@dataclass
class CheckedFile:
    upload: object  # an UploadedFile, positioned at 0
    display_name: str
    extension: str
    content_type: str
    size: int

    def storage_name(self) -> str:
        """A random name: nothing of what the person typed reaches the file system."""
        return f"{secrets.token_hex(16)}.{self.extension}"


def display_name(raw: str) -> str:
    """The original name made safe to store and show: no folders, no control characters,
    Unicode normalised, at most 120 characters with the extension kept."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _CONTROL.sub("", unicodedata.normalize("NFC", name)).strip().strip(".")
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = ext[:10]
    stem = stem[: 120 - len(ext) - 1].strip() or _("bilaga")
    return f"{stem}.{ext}" if ext else stem


def type_label(content_type: str) -> str:
    return LABELS.get(content_type, content_type.split(";")[0])


def _refuse(name: str, reason: str) -> ValidationError:
    return ValidationError(
        _("”%(name)s” kunde inte läggas till: %(reason)s") % {"name": name, "reason": reason},
        code="attachment",
    )


def _content_kind(upload, head: bytes) -> str | None:
    """What the bytes are: pdf, png, jpeg, odf:<ext>, ooxml:<ext>, text or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(upload)
    if not _BINARY.search(head):
        return "text"
    return None


def _zip_kind(upload) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size > 100:
                    return None
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                for ext, (content_type, kind) in TYPES.items():
                    if kind == "odf" and content_type == mimetype:
                        return f"odf:{ext}"
                return None
            if "[Content_Types].xml" in names:
                # A macro-enabled document (.docm and friends) renamed to .docx: refused.
                if any(name.lower().endswith("vbaproject.bin") for name in names):
                    return None
                for ext, part in OOXML_MAIN_PART.items():
                    if part in names:
                        return f"ooxml:{ext}"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return None
    finally:
        upload.seek(0)
    return None


def _image_ok(upload) -> bool:
    from PIL import Image

    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image.verify()
    except Exception:  # Pillow raises many kinds for broken or hostile images
        return False
    finally:
        upload.seek(0)
    return True


def check_upload(upload) -> CheckedFile:
    name = display_name(getattr(upload, "name", ""))
    size = getattr(upload, "size", None) or 0
    limit = max_bytes()
    if size > limit:
        raise _refuse(
            name,
            _("filen är större än %(limit)s.") % {"limit": filesizeformat(limit)},
        )
    if size == 0:
        raise _refuse(name, _("filen är tom."))
    ext = name.rpartition(".")[2].lower() if "." in name else ""
    if ext not in TYPES:
        raise _refuse(
            name,
            _("den filtypen tar vi inte emot. Välj PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, PNG, "
              "JPEG, TXT eller CSV."),
        )  # fmt: skip
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    content_type, expected = TYPES[ext]
    kind = _content_kind(upload, head)
    agrees = kind == expected or kind == f"{expected}:{ext}"
    if agrees and expected in ("png", "jpeg"):
        agrees = _image_ok(upload)
    if not agrees:
        raise _refuse(
            name,
            _("innehållet är inte en %(type)s-fil som namnet säger. Spara filen på nytt i "
              "rätt format och försök igen.") % {"type": ext.upper()},
        )  # fmt: skip
    return CheckedFile(
        upload=upload,
        display_name=name,
        extension="jpg" if ext == "jpeg" else ext,
        content_type=content_type,
        size=size,
    )
