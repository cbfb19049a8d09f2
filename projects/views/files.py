"""Files of ideas (attachments and the idea's image), served by Django after the same check
as the idea page: a draft's, returned, declined or hidden idea's files reach only those who
may see the idea. They live outside MEDIA_ROOT (people.storage), so no URL bypasses this."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import permissions
from ..models import Idea, IdeaAttachment
from ..services import ideas as services

# A public idea's image may be cached for long: its URL carries a version of the file name
# (Idea.image_url). An hour in shared caches bounds how long a hidden idea's image lingers.
PUBLIC_CACHE = "public, max-age=3600"
PRIVATE_CACHE = "private, no-cache"


def _open(field) -> object:
    try:
        return field.open("rb")
    except (FileNotFoundError, OSError) as missing:
        raise Http404 from missing


def _visible_idea(pk: int, user) -> Idea:
    idea = Idea.objects.filter(pk=pk).select_related("challenge").first()
    if idea is None or not permissions.can_view_idea(user, idea):
        raise Http404
    return idea


@require_GET
def attachment(request, pk: int, attachment_id: int):
    idea = _visible_idea(pk, request.user)
    item = IdeaAttachment.objects.filter(pk=attachment_id, idea=idea).first()
    if item is None:
        raise Http404
    response = FileResponse(
        _open(item.file), as_attachment=True, filename=item.name, content_type=item.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser ignored the download: no scripts, no plugins, no same-origin access.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = (
        PUBLIC_CACHE if permissions.is_publicly_visible(idea) else PRIVATE_CACHE
    )
    return response


@require_GET
def idea_image(request, pk: int):
    idea = _visible_idea(pk, request.user)
    if not idea.image:
        raise Http404
    # The stored image was re-encoded on upload (people/images.py): its name says its type.
    response = FileResponse(_open(idea.image))
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = (
        PUBLIC_CACHE if permissions.is_publicly_visible(idea) else PRIVATE_CACHE
    )
    return response


@login_required
@require_POST
def attachment_delete(request, pk: int, attachment_id: int):
    idea = _visible_idea(pk, request.user)
    item = IdeaAttachment.objects.filter(pk=attachment_id, idea=idea).first()
    if item is None:
        raise Http404
    if not permissions.can_edit_idea(request.user, idea):
        raise PermissionDenied
    try:
        services.attachment_delete(attachment=item, by=request.user)
    except services.IdeaError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Bilagan ”%(name)s” är borttagen.") % {"name": item.name})
    return redirect("projects:idea_detail", pk=idea.pk)
