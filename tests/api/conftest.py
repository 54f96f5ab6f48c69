import pytest

from smtp_sink import SmtpSink
from tia_client import serve


@pytest.fixture(scope="module")
def server():
    # TIA_API_DB_URL runs the module against another database (scripts/test: PostgreSQL).
    s = serve()
    yield s
    s.stop()


@pytest.fixture(scope="module")
def sink():
    """An SMTP sink on loopback for the module's server (smtp_sink.py)."""
    s = SmtpSink()
    yield s
    s.stop()
