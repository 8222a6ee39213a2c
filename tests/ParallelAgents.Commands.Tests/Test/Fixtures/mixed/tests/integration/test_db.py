def test_connects():
    assert True


def test_query():
    assert True


def test_migrates():
    raise RuntimeError("migration 7 failed")
