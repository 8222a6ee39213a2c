import pytest


def test_add():
    assert 1 + 1 == 2


def test_sub():
    assert 3 - 1 == 2


def test_mul():
    assert 2 * 3 == 7, "multiplication is wrong"


@pytest.mark.skip(reason="not ready")
def test_div():
    assert 1 / 1 == 1


class TestPowers:
    def test_square(self):
        assert 3 ** 2 == 9
