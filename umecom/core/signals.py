"""When the cached site shell (umecom.published_cache) must be rebuilt.

Whatever a visitor sees in the shell or in a cached route changes through one of these: a
page published, unpublished, moved, deleted or saved (titles, slugs, `live`), a site, locale
or view restriction changed, the "Meny och sidfot" setting saved, a theme or district
renamed (the filters and cached challenge cards list them), or an image or document changed
or deleted (cached cards and challenge pages hold a rendition's or a document's address; a
new focal point replaces the renditions). Each clears the cache once the change is committed.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from umecom.events import clear_published_cache_on_commit
from umecom.taxonomy.models import District, Theme

DISPATCH_UID = "umecom.published_cache"


def _clear(sender=None, **kwargs) -> None:
    clear_published_cache_on_commit()


def _clear_for_pages(sender=None, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        clear_published_cache_on_commit()


def connect() -> None:
    from .models import SiteFooter, SiteMenuItem

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(_clear, dispatch_uid=f"{DISPATCH_UID}.{id(signal)}")
    # Page subclasses send post_save/post_delete with their own class as sender: no sender.
    post_save.connect(_clear_for_pages, dispatch_uid=f"{DISPATCH_UID}.page_save")
    post_delete.connect(_clear_for_pages, dispatch_uid=f"{DISPATCH_UID}.page_delete")
    for model in (
        Site,
        Locale,
        PageViewRestriction,
        SiteFooter,
        SiteMenuItem,
        Theme,
        District,
        get_image_model(),
        get_document_model(),
    ):
        for signal in (post_save, post_delete):
            signal.connect(_clear, sender=model, dispatch_uid=f"{DISPATCH_UID}.{model.__name__}")
    m2m_changed.connect(
        _clear, sender=PageViewRestriction.groups.through, dispatch_uid=f"{DISPATCH_UID}.groups"
    )
