from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts
from django.http import HttpResponseBadRequest

from umecom import published_cache
from umecom.roles import may_use_admin


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Strict CSP everywhere; inline allowances only for signed-in staff inside the admin.

    Wagtail 8's admin still writes inline `<script>` for its form widgets (date and time
    choosers, image/page/document choosers, InlinePanel) and runs the scripts inside chooser
    modals through jQuery. Those scripts carry no nonce, and widgets render without a request,
    so a nonce would mean patching Wagtail (README, "Security and privacy"). The allowance is
    therefore narrowed to who needs it: pages under /admin/ answered to an account with admin
    access. The admin's sign-in page, and any admin URL seen by anybody else, gets the public
    policy. Every source stays 'self' in all cases, so no page loads anything from another host.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if (
            not report_only
            and request.path_info.startswith("/admin/")
            and may_use_admin(getattr(request, "user", None))
        ):
            parts.update = {
                **(parts.update or {}),
                "script-src": [UNSAFE_INLINE],
                "style-src": [UNSAFE_INLINE],
            }
        return parts


def reject_nul_bytes(get_response):
    """A NUL byte in a query parameter is never meaningful, and PostgreSQL refuses it in text
    (a search box would answer 500): answer 400 before any view or search sees it."""

    def middleware(request):
        if any("\x00" in value for _key, values in request.GET.lists() for value in values):
            return HttpResponseBadRequest(
                "Adressen innehåller ett otillåtet tecken. / The address contains a character "
                "that is not allowed.",
                content_type="text/plain; charset=utf-8",
            )
        return get_response(request)

    return middleware


def published_cache_scope(get_response):
    """One read of the published-content generation per request (umecom/published_cache.py)."""

    def middleware(request):
        with published_cache.request_scope():
            return get_response(request)

    return middleware
