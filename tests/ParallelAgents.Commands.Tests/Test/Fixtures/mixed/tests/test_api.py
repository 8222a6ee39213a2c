import pytest


@pytest.mark.e2e
def test_login_flow():
    assert True


@pytest.mark.e2e
@pytest.mark.skip(reason="needs a browser")
def test_checkout_flow():
    assert True


def test_parse_request():
    assert "a".upper() == "A"
