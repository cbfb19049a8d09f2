"""Start and stop the loopback OpenID Connect provider (see serve.py) from a test."""

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass
class Person:
    username: str
    password: str
    email: str
    first_name: str
    last_name: str


class ProviderProcess:
    """The provider as a subprocess; `issuer` is the URL to put in OIDC_SERVER_URL."""

    def __init__(self, *, workdir: Path, client_id: str, client_secret: str,
                 redirect_uris: list[str], people: list[Person]):  # fmt: skip
        self.workdir = workdir
        self.config = {
            "client_id": client_id,
            "client_secret": client_secret,
            "redirect_uris": redirect_uris,
            "users": [person.__dict__ for person in people],
        }
        self.process: subprocess.Popen | None = None
        self.port: int | None = None
        self.log_path = workdir / "provider.log"

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def issuer(self) -> str:
        return f"{self.origin}/openid"

    def start(self) -> "ProviderProcess":
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
        }
        env["SSO_PROVIDER_DB"] = str(self.workdir / "provider.sqlite3")
        env["PYTHONPATH"] = str(ROOT)
        self._log = self.log_path.open("wb")
        # Our own interpreter and module with a JSON argument: nothing untrusted is executed.
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "tests.sso_provider.serve", json.dumps(self.config)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=self._log, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        # readline() returns b"" if the process dies, so this cannot wait forever.
        line = self.process.stdout.readline().decode()
        if not line.startswith("READY "):
            self.stop()
            raise RuntimeError(
                f"the test OpenID Connect provider did not start:\n{self.log_path.read_text()}"
            )
        self.port = int(line.split()[1])
        return self

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stdout is not None:
            self.process.stdout.close()
        if getattr(self, "_log", None) is not None:
            self._log.close()
