"""Placeholder so the URLconf imports while the real views are written."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


onboarding_start = onboarding_step = _todo
