"""Small builders for StreamField raw data (challenges.blocks.BodyBlock), so content modules
read like documents. Raw data is what Wagtail stores: rich text as HTML, images and pages as ids."""

from html import escape


def heading(text: str, level: str = "h2") -> dict:
    return {"type": "heading", "value": {"text": text, "level": level}}


def paragraph(*texts: str) -> dict:
    """Plain text paragraphs; escaped here so content modules need not think about HTML."""
    return {"type": "paragraph", "value": "".join(f"<p>{escape(t)}</p>" for t in texts)}


def rich(html: str) -> dict:
    """Rich text written as HTML, for lists and links."""
    return {"type": "paragraph", "value": html}


def bullets(*items: str, intro: str = "") -> dict:
    lead = f"<p>{escape(intro)}</p>" if intro else ""
    return rich(lead + "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>")


def image(img, *, caption: str = "", alt: str = "", credit: str = "Illustration: Umecom") -> dict:
    return {
        "type": "image",
        "value": {"image": img.pk, "alt_text": alt, "caption": caption, "credit": credit},
    }


def quote(text: str, attribution: str) -> dict:
    return {"type": "quote", "value": {"quote": text, "attribution": attribution}}


def facts(title: str, *rows: tuple[str, str, str]) -> dict:
    return {
        "type": "facts",
        "value": {
            "heading": title,
            "facts": [{"figure": f, "label": label, "source": src} for f, label, src in rows],
        },
    }


def call_to_action(title: str, text: str, button: str, *, page=None, url: str = "") -> dict:
    return {
        "type": "call_to_action",
        "value": {
            "heading": title,
            "text": text,
            "button_label": button,
            "page": page.pk if page is not None else None,
            "url": url,
        },
    }
