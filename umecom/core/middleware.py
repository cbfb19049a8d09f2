from csp.constants import UNSAFE_INLINE
from csp.middleware import CSPMiddleware, PolicyParts


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """Strict CSP on the public site; the Wagtail admin still needs inline scripts and styles.

    Every source stays 'self' in both cases, so no page (admin included) can load anything
    from another host.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.update = {
                **(parts.update or {}),
                "script-src": [UNSAFE_INLINE],
                "style-src": [UNSAFE_INLINE],
            }
        return parts
