"""Panels that apps above `challenges` add to the challenge page.

The same shape as `people.services.privacy.register_export_section`: this lower layer offers
a registry, an upper layer registers into it from its `AppConfig.ready()`, so `challenges`
never imports, names or includes anything of the apps above it. people/ registers "who is
in" and "your sign-ups"; ideas and teams will register theirs the same way.

A panel has a slot, a template and a context function `(request=, page=) -> dict | None`
(None leaves the panel out). Its template reads the dict as `panel`. Slots:

- `actions`: beside the summary at the top of the page, what the visitor can do now (a long
  challenge page must not hide "join" after thousands of pixels of text);
- `main`: after the body.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

SLOTS = ("actions", "main")

PanelContext = Callable[..., dict | None]


@dataclass(frozen=True)
class PagePanel:
    name: str
    slot: str
    template: str
    get_context: PanelContext
    order: int = 0


@dataclass(frozen=True)
class RenderedPanel:
    name: str
    template: str
    context: dict


_panels: dict[str, PagePanel] = {}


def register_page_panel(
    name: str, *, slot: str, template: str, get_context: PanelContext, order: int = 0
) -> None:
    """Add (or replace) the panel `name` on every challenge page."""
    if slot not in SLOTS:
        raise ValueError(f"unknown challenge page slot {slot!r}; use one of {SLOTS}")
    _panels[name] = PagePanel(name, slot, template, get_context, order)


def panels_for(*, request, page) -> dict[str, list[RenderedPanel]]:
    """The registered panels of `page` by slot, each with its context."""
    slots: dict[str, list[RenderedPanel]] = {slot: [] for slot in SLOTS}
    if page.pk is None:  # an admin preview of a page not saved yet: nothing to link to
        return slots
    for panel in sorted(_panels.values(), key=lambda p: (p.order, p.name)):
        context = panel.get_context(request=request, page=page)
        if context is not None:
            slots[panel.slot].append(RenderedPanel(panel.name, panel.template, context))
    return slots
