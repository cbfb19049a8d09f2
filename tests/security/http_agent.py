"""A bare HTTP client for the attack tests: what an attacker's script sends, nothing more.

It speaks to a real server (pytest-django's `live_server`, or a Daphne process) with
http.client, keeps its own cookies (the real session cookie included) and sends paths exactly
as given, so `//evil.example/` reaches the server unnormalised. CSRF is handled the way a
script does it: read the csrftoken cookie from a GET, post it back.
"""

from __future__ import annotations

import http.client
import re
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urljoin, urlsplit


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


class Agent:
    def __init__(self, base_url: str):
        self.base_url = base_url.rstrip("/")
        parts = urlsplit(self.base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None) -> Answer:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Accept-Language": "sv"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            answer = Answer(
                status=response.status,
                headers=response.headers,
                body=response.read().decode("utf-8", "replace"),
            )
        finally:
            connection.close()
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post_form(self, path: str, data: dict) -> Answer:
        """GET the form (for the CSRF cookie), then POST it as a browser would."""
        if "csrftoken" not in self.cookies:
            self.get(path)
        return self.request(
            "POST", path, {"csrfmiddlewaretoken": self.cookies["csrftoken"], **data}
        )

    def is_signed_in(self) -> bool:
        """The members-only profile page answers 200 to a session, a redirect to anyone else."""
        return self.get("/profil/").status == 200

    def absolute(self, path: str) -> str:
        return urljoin(self.base_url + "/", path)


def browser_resolve(base_url: str, href: str) -> str:
    """Resolve `href` against `base_url` as a browser does (WHATWG URL), not as urljoin does:
    tabs and newlines are dropped anywhere, leading spaces and control characters too, and in
    http(s) URLs a backslash counts as a slash, and so do extra slashes before the host."""
    href = re.sub(r"[\t\n\r]", "", href).lstrip("".join(chr(c) for c in range(0x21)))
    href = href.replace("\\", "/")
    if href.startswith("//"):
        # Any number of slashes starts the host part ("///evil.example" is evil.example).
        href = "//" + href.lstrip("/")
    return urljoin(base_url, href)
