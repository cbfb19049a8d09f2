"""When the cached site shell (umecom.published_cache) must be rebuilt.

Whatever a visitor sees in the shell or in a cached route changes through one of these: a
page published, unpublished, moved, deleted or saved (titles, slugs, `live`), a site, locale
or view restriction changed, the "Meny och sidfot" setting saved, a theme or district
renamed (the filters and cached challenge cards list them), or an image or document changed
or deleted (cached cards and challenge pages hold a rendition's or a document's address; a
new focal point replaces the renditions). Each clears the cache once the change is committed.

Also here: whether a person works in the admin (the "edit this page" bar), cached per person
until their groups or account change.
"""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from umecom import roles
from umecom.events import clear_published_cache_on_commit, forget_cached_on_commit
from umecom.taxonomy.models import District, Theme

DISPATCH_UID = "umecom.published_cache"


def _clear(sender=None, **kwargs) -> None:
    clear_published_cache_on_commit()


def _clear_for_pages(sender=None, instance=None, **kwargs) -> None:
    if isinstance(instance, Page):
        clear_published_cache_on_commit()


# Only what the page shows depends on it (the admin checks permissions itself), so a change
# the signals below miss (a group deleted) may take this long to show.
WORKS_IN_ADMIN_TIMEOUT = 60


def _works_in_admin_key(user_id: int) -> str:
    return f"core:works-in-admin:{user_id}"


def works_in_admin(user) -> bool:
    """Whether `user` holds a staff role: one cache read per page instead of a query."""
    if not getattr(user, "is_authenticated", False):
        return False
    return cache.get_or_set(
        _works_in_admin_key(user.pk),
        lambda: roles.has_role(user, roles.STAFF_GROUPS),
        WORKS_IN_ADMIN_TIMEOUT,
    )


def _forget_works_in_admin(user_ids) -> None:
    if user_ids:
        forget_cached_on_commit(*[_works_in_admin_key(pk) for pk in user_ids])


def _user_saved(sender, instance=None, **kwargs) -> None:
    _forget_works_in_admin([instance.pk])  # is_active, is_superuser


def _groups_changed(sender, instance=None, action="", reverse=False, pk_set=None, **kwargs):
    if reverse:  # group.user_set changed: pk_set holds users (all of them, before a clear)
        if action == "pre_clear":
            pk_set = set(instance.user_set.values_list("pk", flat=True))
        if action in ("post_add", "post_remove", "pre_clear"):
            _forget_works_in_admin(pk_set)
    elif action in ("post_add", "post_remove", "post_clear"):
        _forget_works_in_admin([instance.pk])


def connect() -> None:
    from .models import SiteFooter, SiteMenuItem

    user_model = get_user_model()
    post_save.connect(_user_saved, sender=user_model, dispatch_uid=f"{DISPATCH_UID}.user")
    m2m_changed.connect(
        _groups_changed, sender=user_model.groups.through, dispatch_uid=f"{DISPATCH_UID}.roles"
    )

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
