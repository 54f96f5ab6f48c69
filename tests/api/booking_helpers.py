"""What the booking API tests share: the hospital's zone, a plan around the clock, a service body,
and a server whose confirmations and reminders go to a local SMTP sink."""
import datetime
import os

from tia_client import Server

ZONE = datetime.timezone(datetime.timedelta(hours=7))  # Asia/Ho_Chi_Minh, no daylight saving
ALL_DAY = {d: {"start": "00:00", "end": "24:00"} for d in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def service(code, **kw):
    body = {"code": code, "name": {"en": code, "vi": code}, "kind": "lactation_consult",
            "modality": "in_person", "duration_min": 30, "max_days_ahead": 30}
    body.update(kw)
    return body


def mail_server(sink, *hospitals):
    """A started server with rate limits off (one address sends many bookings), mail to `sink`,
    the outbox polled every 100 ms, and these hospitals. TIA_API_DB_URL: PostgreSQL (scripts/test)."""
    s = Server(db_url=os.environ.get("TIA_API_DB_URL"),
               env={"TIA_USER_RATE_PER_MIN": "0", "TIA_IP_RATE_PER_MIN": "0", "TIA_SMTP_HOST": "127.0.0.1",
                    "TIA_SMTP_PORT": str(sink.port), "TIA_SMTP_FROM": "tia@h1.test",
                    "TIA_OUTBOX_INTERVAL_MS": "100"}).start()
    for code in hospitals:
        s.add_hospital(code)
    return s
