"""Admin-wide fixes that belong to no single app."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks


@hooks.register("insert_global_admin_js")
def label_tag_fields():
    # Every admin page, not only editors: tag fields appear in page, snippet and model forms.
    return format_html('<script src="{}" defer></script>', static("js/admin/tag-field-labels.js"))
