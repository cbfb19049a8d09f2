"""The embedded default that `make run` uses: works offline with nothing else installed."""

from .base import *  # noqa: F403
from .base import SECRET_KEY as _SECRET_KEY

# A fixed development key is fine here: this module is never used in production.
SECRET_KEY = _SECRET_KEY or "umecom-dev-only-not-secret-8c0f3d2e9b7a4f1e6d5c2b1a0f9e8d7c"  # noqa: S105
