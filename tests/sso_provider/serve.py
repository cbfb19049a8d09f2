"""Run the loopback provider: `python -m tests.sso_provider.serve CONFIG_JSON`.

Migrates its own SQLite database (path in SSO_PROVIDER_DB), creates the signing key, the client
registered for Umecom and the people who can sign in, then serves on 127.0.0.1 with a port the
kernel picks and prints `READY <port>` on stdout. Logs go to stderr.

CONFIG_JSON: {"client_id": "...", "client_secret": "...", "redirect_uris": ["..."],
              "users": [{"username": "...", "password": "...", "email": "...",
                         "first_name": "...", "last_name": "..."}]}
"""

import json
import os
import sys
import threading
import time


def exit_with_parent() -> None:
    """Never outlive the test run that started us, even if it is killed without teardown."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)


def main(config: dict) -> None:
    threading.Thread(target=exit_with_parent, daemon=True).start()
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.sso_provider.settings"
    import django

    django.setup()

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0, interactive=False)
    call_command("creatersakey", stdout=sys.stderr)  # stdout is only for READY
    client = Client.objects.create(
        name="Umecom",
        client_type="confidential",
        client_id=config["client_id"],
        client_secret=config["client_secret"],
        redirect_uris=config["redirect_uris"],
        require_consent=True,
        reuse_consent=True,  # the second sign-in skips the consent page, as real providers do
    )
    client.response_types.add(ResponseType.objects.get(value="code"))
    for person in config["users"]:
        User.objects.create_user(**person)

    server = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(get_wsgi_application())
    print(f"READY {server.server_port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main(json.loads(sys.argv[1]))
