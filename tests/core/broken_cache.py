"""A cache backend that raises on every call, as Redis does when it is down."""

from django.core.cache.backends.base import BaseCache


class BrokenCache(BaseCache):
    def __init__(self, location=None, params=None):
        super().__init__(params or {})

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache is down")

    get = set = add = delete = get_many = set_many = delete_many = clear = incr = touch = _fail
    has_key = _fail
