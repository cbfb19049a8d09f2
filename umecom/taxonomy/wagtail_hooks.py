from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import District, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "name_en", "slug"]
    search_fields = ["name", "name_en"]


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    list_display = ["name", "municipality", "slug"]
    list_filter = ["municipality"]
    search_fields = ["name"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = "Teman och stadsdelar"
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ThemeViewSet, DistrictViewSet)


register_snippet(TaxonomyGroup)
