"""The Wagtail admin's sign-in page, run through allauth like the public log-in.

Wagtail's own LoginView logs in whoever Django's `authenticate` accepts: with allauth's
backend installed that meant any account, by e-mail address, with no rate limit and no
e-mail verification. This view keeps Wagtail's page (template, `next`, "remember me") but
validates with people.forms.accounts.AdminLoginForm and completes the log-in with
allauth's flow (`perform_password_login`), so verification and every other login stage apply.
"""

from django.http import HttpResponse
from wagtail.admin.views.account import LoginView

from people.forms.accounts import AdminLoginForm


class AdminLoginView(LoginView):
    template_name = "wagtailadmin/umecom_login.html"

    def get_form_class(self):
        return AdminLoginForm

    def form_valid(self, form: AdminLoginForm) -> HttpResponse:
        # allauth decides the response: the admin (the safe `next`) once logged in, or the
        # "verify your e-mail address" page when the address is not verified yet.
        return form.login(self.request, redirect_url=self.get_success_url())
