import pytest

from tia_client import Server


@pytest.fixture(scope="module")
def server():
    s = Server()
    s.start()
    s.add_hospital("h1")
    s.add_hospital("h2")
    yield s
    s.stop()
