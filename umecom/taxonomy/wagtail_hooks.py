from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

import umecom.converters  # noqa: F401 - registers <id:…>

from .models import District, Theme


class VocabularyViewSet(SnippetViewSet):
    """A short list edited by staff: searched with plain SQL (`icontains`), not the index.

    Wagtail sends `search_fields` to the search backend as field restrictions when the model is
    indexed, and django-modelsearch's SQLite backend turns them into an FTS5 column filter
    (`{name name_en} : ...`) although its FTS table only has title/body/autocomplete columns,
    so every search answered 500 ("no such column: name"); a list filter on a field that is no
    index.FilterField fails the same way once searching. A few dozen rows need no index: the
    ORM search finds "vat" in "Vatten" on every database.
    """

    search_backend_name = None
    # Ids that cannot exist (beyond 64 bits) are a 404 at the URL, before any query.
    pk_path_converter = "id"


class ThemeViewSet(VocabularyViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en", "slug"]


class DistrictViewSet(VocabularyViewSet):
    model = District
    icon = "site"
    list_display = ["name", "municipality", "slug"]
    list_filter = ["municipality"]
    search_fields = ["name", "name_en", "slug"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Teman och stadsdelar")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ThemeViewSet, DistrictViewSet)


register_snippet(TaxonomyGroup)
