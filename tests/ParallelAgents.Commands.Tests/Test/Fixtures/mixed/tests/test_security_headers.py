def test_no_server_header():
    assert True
