"""A NUL byte in a query parameter answers 400 with a message, never a 500 (PostgreSQL
refuses NUL in text, so a search with one used to fail in the database)."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/utmaningar/", "/admin/images/", "/en/"])
def test_a_nul_byte_in_the_query_is_a_clear_400(client, path):
    response = client.get(path, {"q": "a\x00b"})
    assert response.status_code == 400
    assert "otillåtet tecken" in response.content.decode()
