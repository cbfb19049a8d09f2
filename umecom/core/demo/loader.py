"""Writes behind `manage.py load_demo`. Every step finds what an earlier run created (pages by
slug under their parent, translations by translation key, images by title, users by username)
and updates it, so loading twice gives the same site."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from challenges.models import ChallengeIndexPage, ChallengePage, ChallengePhase
from projects.demo import load_ideas_demo
from projects.demo_teams import load_teams_demo
from umecom import roles
from umecom.core.models import ContentPage, HomePage, SiteFooter, SiteMenuItem
from umecom.events import clear_published_cache_on_commit

from . import challenge_content, site_content
from .images import ensure_demo_images
from .people import ensure_people
from .taxonomy import ensure_taxonomy
from .users import ensure_demo_user

# (username, e-mail, group, superuser, display name)
STAFF_USERS = [
    ("admin", "admin@umecom.localhost", None, True, "Administratör"),
    ("redaktor", "redaktor@umecom.localhost", roles.EDITORS, False, "Redaktör på förvaltningen"),
    (
        "innovation",
        "innovation@umecom.localhost",
        roles.INNOVATION_TEAM,
        False,
        "Innovationsteamet",
    ),
    ("moderator", "moderator@umecom.localhost", roles.MODERATORS, False, "Moderator"),
]


@dataclass
class DemoState:
    """What the steps have built so far; later steps link to earlier pages."""

    today: dt.date
    sv: Locale | None = None
    en: Locale | None = None
    images: dict = field(default_factory=dict)
    themes: dict = field(default_factory=dict)
    districts: dict = field(default_factory=dict)
    home: HomePage | None = None
    home_en: HomePage | None = None
    index: ChallengeIndexPage | None = None
    index_en: ChallengeIndexPage | None = None
    pages: dict = field(default_factory=dict)  # key -> ContentPage
    pages_en: dict = field(default_factory=dict)
    challenges: list = field(default_factory=list)
    translations: list = field(default_factory=list)
    users: list = field(default_factory=list)  # (username, created)

    @property
    def links(self) -> dict:
        return {
            "index": self.index,
            "index_en": self.index_en,
            **self.pages,
            **{f"{key}_en": page for key, page in self.pages_en.items()},
        }


# --- small page helpers -----------------------------------------------------------------------


def _publish(page: Page) -> Page:
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def _set(page: Page, **fields) -> None:
    for name, value in fields.items():
        setattr(page, name, value)


def upsert_child(parent: Page, model: type[Page], *, slug: str, **fields) -> Page:
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
    else:
        _set(page, **fields)
    return _publish(page)


def upsert_translation(page: Page, locale: Locale, **fields) -> Page:
    """The page's translation into `locale`, created by Wagtail's copy on the first run."""
    translation = page.get_translation_or_none(locale)
    if translation is None:
        # copy_for_translation keeps the slug (except under the tree root), so /en/ paths
        # mirror the Swedish ones.
        translation = page.copy_for_translation(locale)
    translation = translation.specific
    _set(translation, **fields)
    return _publish(translation)


# --- steps ----------------------------------------------------------------------------------


def ensure_locales(state: DemoState) -> None:
    state.sv, _ = Locale.objects.get_or_create(language_code="sv")
    state.en, _ = Locale.objects.get_or_create(language_code="en")


def ensure_home(state: DemoState) -> None:
    """Our HomePage becomes the default site's root; Wagtail's welcome page goes away."""
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).filter(locale=state.sv).first()
    fields = {**site_content.HOME, "hero_image": state.images["home"]}
    if home is None:
        home = HomePage(slug="hem", locale=state.sv, **fields)
        root.add_child(instance=home)
    else:
        _set(home, **fields)
    state.home = _publish(home)

    site = Site.objects.filter(is_default_site=True).first() or Site(is_default_site=True)
    site.hostname, site.port, site.site_name, site.root_page = "localhost", 80, "Umecom", home
    site.save()

    # Only the plain welcome page Wagtail's migration made, never a page someone built since:
    # it has the base Page type and the slug "home". Deleted after the site moved, because
    # Site.root_page cascades.
    for page in root.get_children().filter(slug="home"):
        if page.specific_class is Page:
            page.delete()


def ensure_pages(state: DemoState) -> None:
    state.index = upsert_child(
        state.home, ChallengeIndexPage, slug="utmaningar", **site_content.INDEX
    )
    keys = ["about", "how", "privacy", "accessibility"]
    for key, build in zip(keys, site_content.CONTENT_PAGES, strict=True):
        spec = build(state.images, state.links)
        state.pages[key] = upsert_child(
            state.home,
            ContentPage,
            slug=spec["slug"],
            title=spec["title"],
            intro=spec["intro"],
            body=spec["body"],
        )
    # The how-it-works steps link to the page above, so the home page is published again.
    state.home.how_it_works = site_content.home_how_it_works(state.links)
    state.home = _publish(state.home)

    footer = SiteFooter.for_site(Site.objects.get(is_default_site=True))
    footer.contact_text = site_content.FOOTER_CONTACT
    footer.about_page = state.pages["about"]
    footer.privacy_page = state.pages["privacy"]
    footer.accessibility_page = state.pages["accessibility"]
    footer.how_it_works_page = state.pages["how"]
    footer.menu_items = [
        SiteMenuItem(page=page, sort_order=order)
        for order, page in enumerate((state.index, state.pages["how"], state.pages["about"]))
    ]
    footer.save()


def _phases(spec: challenge_content.ChallengeSpec, today: dt.date, *, english=False):
    phases = []
    for order, phase in enumerate(spec.phases):
        start, end = phase.dates(today)
        text = phase.description_en if english and phase.description_en else phase.description
        phases.append(
            ChallengePhase(
                kind=phase.kind, start_date=start, end_date=end, description=text, sort_order=order
            )
        )
    return phases


def ensure_challenges(state: DemoState) -> None:
    today = state.today
    for spec in challenge_content.CHALLENGES:
        page = ChallengePage.objects.child_of(state.index).filter(slug=spec.slug).first()
        fields = {
            "title": spec.title,
            "summary": spec.summary,
            "department": spec.department,
            "contact_name": spec.contact_name,
            "contact_email": spec.contact_email,
            "hero_image": state.images[spec.image],
            "idea_deadline": today + dt.timedelta(days=spec.deadline),
            "wanted_actor_types": [str(a) for a in spec.actor_types],
            "body": spec.body(state.images, state.links),
        }
        if page is None:
            page = ChallengePage(slug=spec.slug, locale=state.sv, **fields)
        else:
            _set(page, **fields)
        page.phases = _phases(spec, today)
        page.themes = [state.themes[s] for s in spec.themes]
        page.districts = [state.districts[s] for s in spec.districts]
        page.wanted_skills.set(spec.skills)
        if page.pk is None:
            state.index.add_child(instance=page)
        state.challenges.append(_publish(page))


def ensure_translations(state: DemoState) -> None:
    """English home, challenge index, content pages and the challenges with English texts."""
    en = state.en
    state.home_en = upsert_translation(
        state.home,
        en,
        **site_content.HOME_EN,
        how_it_works=site_content.home_how_it_works_en(state.links),
    )
    state.index_en = upsert_translation(state.index, en, **site_content.INDEX_EN)
    for key, build in site_content.CONTENT_PAGES_EN.items():
        state.pages_en[key] = upsert_translation(
            state.pages[key], en, **build(state.images, state.links)
        )
    for spec, page in zip(challenge_content.CHALLENGES, state.challenges, strict=True):
        if not spec.english:
            continue
        english = dict(spec.english)
        body = english.pop("body")(state.images, state.links)
        translation = page.get_translation_or_none(en)
        if translation is None:
            translation = page.copy_for_translation(en)
        translation = translation.specific
        _set(translation, body=body, **english)
        # Dates and tags follow the Swedish page, so both languages show the same status.
        translation.idea_deadline = page.idea_deadline
        translation.phases = _phases(spec, state.today, english=True)
        state.translations.append(_publish(translation))


def ensure_staff_users(state: DemoState) -> None:
    for username, email, group_name, superuser, display_name in STAFF_USERS:
        user, _profile, created = ensure_demo_user(
            username=username, email=email, display_name=display_name, actor_type="municipality"
        )
        user.is_staff = True
        user.is_superuser = superuser
        user.is_active = True
        user.save(update_fields=["is_staff", "is_superuser", "is_active"])
        if group_name:
            group, group_created = Group.objects.get_or_create(name=group_name)
            if group_created:
                # The real permissions come from core's groups migration; until it has run,
                # these groups can at least open the admin.
                group.permissions.add(
                    Permission.objects.get(
                        content_type__app_label="wagtailadmin", codename="access_admin"
                    )
                )
            user.groups.add(group)
        state.users.append((username, created))


def ensure_images(state: DemoState) -> None:
    state.images = ensure_demo_images()


def ensure_taxonomy_step(state: DemoState) -> None:
    state.themes, state.districts = ensure_taxonomy()


def ensure_site(state: DemoState) -> None:
    ensure_locales(state)
    ensure_home(state)


@transaction.atomic
def load_demo(*, today: dt.date | None = None, progress=None) -> DemoState:
    """Run every step in one transaction; `progress(number, total, label, step)` wraps each."""
    state = DemoState(today=today or timezone.localdate())
    steps = [
        ("Genererar bilder", ensure_images),
        ("Skapar språk och startsida", ensure_site),
        ("Skapar teman och stadsdelar", ensure_taxonomy_step),
        ("Skapar innehållssidor och sidfot", ensure_pages),
        ("Skapar utmaningar", ensure_challenges),
        ("Översätter till engelska", ensure_translations),
        ("Skapar personalkonton", ensure_staff_users),
        ("Skapar personer, organisationer och anmälningar", ensure_people),
        ("Skapar idéer", load_ideas_demo),
        ("Skapar projekt och team", load_teams_demo),
    ]
    for number, (label, step) in enumerate(steps, start=1):
        if progress is None:
            step(state)
        else:
            progress(number, len(steps), label, lambda step=step: step(state))
    # The cache outlives the database (files in var/cache): a rebuilt database must not be
    # served with the previous one's menu and page routes.
    clear_published_cache_on_commit()
    return state
