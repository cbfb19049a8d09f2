"""umecom/ratelimit.py: the one limiter for what people and projects limit outside allauth's
log-in: allauth's rate syntax, sliding windows per user or address, a refused attempt not
counted, a broken cache letting people through rather than refusing them."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from umecom import ratelimit


@pytest.fixture
def request_for():
    def build(user=None, ip="203.0.113.5"):
        request = RequestFactory().post("/", REMOTE_ADDR=ip)
        request.user = user or AnonymousUser()
        return request

    return build


class FakeUser:
    is_authenticated = True

    def __init__(self, pk):
        self.pk = pk


def test_rates_are_parsed_in_allauths_syntax():
    assert ratelimit.parse("10/h/user, 30/d/user,5/15m/ip,3/s") == [
        ratelimit.Rate(10, 3600, "user"),
        ratelimit.Rate(30, 86400, "user"),
        ratelimit.Rate(5, 900, "ip"),
        ratelimit.Rate(3, 1, "ip"),
    ]
    assert ratelimit.parse("nonsense,,2/x/user") == []


def test_the_limit_counts_per_user_and_refusals_do_not_count(request_for):
    rates = {"act": "2/h/user"}
    alice, bob = request_for(FakeUser(1)), request_for(FakeUser(2))
    assert ratelimit.hit(alice, scope="t", action="act", rates=rates)
    assert ratelimit.hit(alice, scope="t", action="act", rates=rates)
    assert not ratelimit.hit(alice, scope="t", action="act", rates=rates)
    assert ratelimit.hit(bob, scope="t", action="act", rates=rates)
    ratelimit.clear(alice, scope="t", action="act", rates=rates)
    assert ratelimit.hit(alice, scope="t", action="act", rates=rates)


def test_no_burst_of_twice_the_limit_across_a_windows_boundary(request_for, monkeypatch):
    rates = {"act": "10/m/user"}
    alice = request_for(FakeUser(7))
    start = 1_000_000 * 60  # the start of a minute
    clock = {"now": start + 59.0}  # the last second of a window
    monkeypatch.setattr(ratelimit, "_clock", lambda: clock["now"])

    def burst():
        return sum(ratelimit.hit(alice, scope="t", action="act", rates=rates) for _ in range(20))

    assert burst() == 10
    # A second later a new fixed window has begun, but the last minute still held ten
    # (fixed windows would allow ten more here).
    clock["now"] = start + 60.0
    assert burst() == 0
    # Half a minute into the new window half of the old one has slid out: five more.
    clock["now"] = start + 90.0
    assert burst() == 5
    # Two windows later everything has slid out.
    clock["now"] = start + 180.0
    assert burst() == 10


def test_visitors_are_counted_by_address(request_for):
    rates = {"act": "1/m/user"}
    assert ratelimit.hit(request_for(ip="198.51.100.1"), scope="t", action="act", rates=rates)
    assert not ratelimit.hit(request_for(ip="198.51.100.1"), scope="t", action="act", rates=rates)
    assert ratelimit.hit(request_for(ip="198.51.100.2"), scope="t", action="act", rates=rates)


def test_an_unlimited_action_and_a_broken_cache_allow(request_for, monkeypatch):
    assert ratelimit.hit(request_for(), scope="t", action="other", rates={})

    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(ratelimit.cache, "get_many", broken)
    assert ratelimit.hit(request_for(), scope="t", action="act", rates={"act": "1/h/ip"})


def test_the_site_setting_overrides_an_apps_defaults(settings):
    settings.IDEA_RATE_LIMITS = {"idea_flag": "1/h/user"}
    from projects.ratelimit import rates

    assert rates()["idea_flag"] == "1/h/user" and rates()["idea_support"] == "60/h/user"


def test_projects_no_longer_reach_into_allauths_internals():
    import inspect

    import projects.ratelimit

    assert "allauth.core.internal" not in inspect.getsource(projects.ratelimit)
