"""Avatar uploads: accept only real JPEG/PNG/WebP images, then re-encode them small and clean.

Re-encoding (rather than storing the upload) drops EXIF and other metadata, which often holds
GPS position and camera serial numbers, and anything smuggled after the image data.
"""

import secrets
from io import BytesIO

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_AVATAR_BYTES = 5 * 1024 * 1024
MAX_AVATAR_SIDE = 512
# Refuse absurd dimensions before decoding: a small file can expand to gigabytes of pixels.
MAX_SOURCE_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def process_avatar(upload, *, max_side: int = MAX_AVATAR_SIDE) -> ContentFile:
    """Validate an uploaded file and return a re-encoded image of at most 512×512 pixels
    (`max_side`: other uploads, such as an idea's picture, reuse the same checks).

    Raises ValidationError with a message fit to show next to the field.
    """
    if upload.size > MAX_AVATAR_BYTES:
        raise ValidationError(
            _("Bilden är för stor. Välj en bild som är högst 5 MB."), code="too_large"
        )
    not_an_image = ValidationError(
        _("Filen är ingen bild vi kan använda. Välj en JPEG-, PNG- eller WebP-bild."),
        code="invalid_image",
    )
    try:
        upload.seek(0)
        with Image.open(upload) as probe:
            fmt = probe.format
            width, height = probe.size
            probe.verify()  # checks the file's structure without decoding all pixels
        if fmt not in ALLOWED_FORMATS:
            raise not_an_image
        if width * height > MAX_SOURCE_PIXELS:
            raise ValidationError(
                _("Bilden har för många pixlar. Välj en mindre bild."), code="too_many_pixels"
            )
        upload.seek(0)
        # verify() leaves the image unusable, so open again to decode.
        with Image.open(upload) as image:
            image.load()
            image = ImageOps.exif_transpose(image)  # keep the photo upright once EXIF is gone
            image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            return _encode(image, fmt)
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        raise not_an_image from None


def _encode(image: Image.Image, fmt: str) -> ContentFile:
    buffer = BytesIO()
    if fmt == "JPEG":
        image = image.convert("RGB")
        image.save(buffer, "JPEG", quality=85, optimize=True)
    elif fmt == "PNG":
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P"):
            image = image.convert("RGBA")
        image.save(buffer, "PNG", optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA")
        image.save(buffer, "WEBP", quality=85)
    # A random name: the original file name may itself be personal ("anna-svensson.jpg").
    return ContentFile(buffer.getvalue(), name=f"{secrets.token_hex(8)}.{ALLOWED_FORMATS[fmt]}")
