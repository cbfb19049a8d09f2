"""The embedded default's cache is shared by every process of `make run`.

The server, the task worker and the commands cron runs (publish_scheduled) are separate
processes: a page published by one of them must clear the cached site shell the server uses.
Real processes, real settings (umecom.settings.dev with no REDIS_URL), no mocks.
"""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _in_a_new_process(code: str, var_dir: Path) -> str:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(DJANGO_SETTINGS_MODULE="umecom.settings.dev", UMECOM_VAR_DIR=str(var_dir))
    script = "import django; django.setup()\nfrom umecom import published_cache as pc\n" + code
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout.strip()


def test_a_value_cached_by_one_process_is_cleared_by_another(tmp_path):
    _in_a_new_process("pc.store('menu', 'old menu')", tmp_path)
    # Another process (the server) reads what the first cached …
    assert _in_a_new_process("print(pc.lookup('menu'))", tmp_path) == "old menu"
    # … and a third one (cron's publish_scheduled) starts a new generation for all of them.
    _in_a_new_process("pc.invalidate()", tmp_path)
    assert _in_a_new_process("print(pc.lookup('menu'))", tmp_path) == "None"
    assert (tmp_path / "cache").is_dir()
