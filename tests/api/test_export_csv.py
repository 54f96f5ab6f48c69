"""Her own export as plain tables (issue 16 item 4): one CSV per kind of record with the columns docs/export.md
documents, read back with Python's csv module; deleted records left out; the same sign-in rule and privacy as the
JSON export."""
import csv
import io

import pytest

from tia_client import new_id, serve

AT = "2026-12-07T09:00:00+07:00"


@pytest.fixture(scope="module")
def server():
    s = serve()
    yield s
    s.stop()


def table(reply):
    assert reply.status == 200, reply
    assert reply.header("Content-Type") == "text/csv; charset=utf-8"
    text = reply.raw
    assert text.startswith("\ufeff")  # a byte-order mark: spreadsheets read Vietnamese right
    return list(csv.DictReader(io.StringIO(text[1:], newline="")))


def test_each_kind_is_a_table_with_its_documented_columns(server):
    m = server.register_mother(hospital="h1")
    b = f"/api/v1/mothers/{m.user['id']}"
    t1, t2, gone = new_id(), new_id(), new_id()
    assert m.put(f"{b}/temperatures/{t1}", {"occurred_at": AT, "temp_c": 38.4, "chills": True}).status == 201
    assert m.put(f"{b}/temperatures/{t2}", {"occurred_at": "2026-12-07T07:00:00+07:00", "temp_f": 100.4,
                                            "note": "Sốt nhẹ, \"ớn lạnh\", mệt"}).status == 201
    assert m.put(f"{b}/temperatures/{gone}", {"occurred_at": AT, "temp_c": 37.0}).status == 201
    assert m.delete(f"{b}/temperatures/{gone}").status in (200, 204)
    rows = table(m.get(f"{b}/export/csv/temperatures"))
    assert list(rows[0]) == ["id", "occurred_at", "temp_c", "site", "chills", "rigors", "flu_like_aches",
                             "feels_very_unwell", "note"]
    assert [r["id"] for r in rows] == [t2, t1]  # oldest first; the deleted one left out
    assert rows[0]["temp_c"] == "38" and rows[0]["note"] == "Sốt nhẹ, \"ớn lạnh\", mệt"
    assert rows[1]["temp_c"] == "38.4" and rows[1]["chills"] == "true" and rows[1]["rigors"] == ""
    feed = new_id()
    assert m.put(f"{b}/feeds/{feed}", {"occurred_at": AT, "segments": [
        {"type": "breast", "side": "right", "start": AT, "end": "2026-12-07T09:12:30+07:00"},
        {"type": "bottle", "milk": "expressed_breast_milk", "volume_oz": 1}]}).status == 201
    feeds = table(m.get(f"{b}/export/csv/feeds"))
    assert list(feeds[0]) == ["id", "occurred_at", "infant_id", "left_minutes", "right_minutes", "bottle_ml",
                              "bottle_milk", "segments", "note"]
    assert feeds[0]["right_minutes"] == "12.5" and feeds[0]["left_minutes"] == "0"
    assert feeds[0]["bottle_ml"] == "29.6"  # 1 oz, converted and stored to 0.1 mL
    assert feeds[0]["bottle_milk"] == "expressed_breast_milk"
    # A kind with nothing logged is a header alone.
    r = m.get(f"{b}/export/csv/pumps")
    assert r.status == 200 and r.raw == "\ufeffid,occurred_at,method,duration_min,left_ml,right_ml,total_ml,note\r\n"


def test_the_same_privacy_as_the_json_export(server):
    m = server.register_mother(hospital="h1")
    other = server.register_mother(hospital="h1")
    b = f"/api/v1/mothers/{m.user['id']}"
    assert other.get(f"{b}/export/csv/temperatures").status == 404
    assert m.get(f"{b}/export/csv/nothing").status == 404
    assert server.client().get(f"{b}/export/csv/temperatures").status == 401
    clinician = server.add_staff(f"c-{new_id()[:8]}@h1.org", "clinician", "h1")
    assert clinician.get(f"{b}/export/csv/temperatures").status in (403, 404)
