"""Imports from the trackers mothers already use (issue 16): Baby Buddy's and Huckleberry's exports,
written in their published formats in tests/data/imports/. A dry run shows what would be added and
every skipped row with its reason, and stores nothing; the import stores the new records in one go;
a second import adds nothing; a malformed file is refused naming the line and column."""
import csv
import io
import json
import os
import sys

import pytest

from tia_client import list_all, new_id

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "imports")
HUCK_SKIPPED = {9: "\"Sleep\" entries are not something Tia logs",
                10: "a bottle without an amount in ml or oz",
                11: "the same entry as line 2",
                12: "\"Medication\" entries are not something Tia logs"}


def sample(name):
    with open(os.path.join(DATA, name), "rb") as f:
        return f.read()


def send(m, name, dry_run=True, **query):
    q = "&".join(f"{k}={v}" for k, v in query.items())
    return m.request("POST", f"/api/v1/mothers/{m.user['id']}/imports?{q}&dry_run={'true' if dry_run else 'false'}",
                     raw=sample(name) if isinstance(name, str) else name, headers={"Content-Type": "text/csv"})


def records(m, collection):
    return list_all(m, f"/api/v1/mothers/{m.user['id']}/{collection}")


def test_a_huckleberry_file_previewed_then_imported_once(server):
    m = server.register_mother()
    preview = send(m, "huckleberry.csv", format="huckleberry", time_zone="Asia/Ho_Chi_Minh")
    assert preview.status == 200, preview
    got = preview.json
    assert got["source"] == "huckleberry" and got["dry_run"] is True and got["added"] == 0
    assert got["counts"] == {"feeds": {"new": 4, "already": 0}, "pumps": {"new": 1, "already": 0},
                             "nappies": {"new": 2, "already": 0}}
    skipped = {s["line"]: s["reason"] for s in got["skipped"]}
    assert sorted(skipped) == [9, 10, 11, 12, 13], skipped
    for line, reason in HUCK_SKIPPED.items():
        assert skipped[line] == reason, (line, skipped[line])
    assert "2026-13-45 09:00" in skipped[13] and "is not a date and time" in skipped[13]
    rejected = list(csv.reader(io.StringIO(got["rejected_csv"].lstrip("\ufeff"))))
    assert rejected[0][-1] == "reason" and [r[0] for r in rejected[1:]] == ["Sleep", "Feed", "Feed", "Medication", "Feed"]
    assert records(m, "feeds") == [], "a dry run stores nothing"
    # In her language, the reasons and the rejected file's reason column too.
    vi = m.request("POST", f"/api/v1/mothers/{m.user['id']}/imports?format=huckleberry",
                   raw=sample("huckleberry.csv"), headers={"Content-Type": "text/csv", "Accept-Language": "vi"})
    reasons = {s["line"]: s["reason"] for s in vi.json["skipped"]}
    assert reasons[9] == 'Tia không ghi mục "Sleep"' and reasons[11] == "trùng với dòng 2", reasons
    assert 'Tia không ghi mục ""Sleep""' in vi.json["rejected_csv"]

    stored = send(m, "huckleberry.csv", dry_run=False, format="huckleberry", time_zone="Asia/Ho_Chi_Minh")
    assert stored.status == 200 and stored.json["added"] == 7, stored
    feeds = sorted(records(m, "feeds"), key=lambda f: f["occurred_at"])
    assert [f["occurred_at"] for f in feeds] == ["2026-11-20T06:10:00+07:00", "2026-11-20T09:00:00+07:00",
                                                 "2026-11-20T12:05:00+07:00", "2026-11-20T15:00:00+07:00"]
    sides = feeds[0]["segments"]
    assert [(s["side"], s["start"][11:16], s["end"][11:16]) for s in sides] == [("right", "06:10", "06:34"), ("left", "06:34", "06:59")]
    assert feeds[1]["segments"][0] == {"type": "bottle", "milk": "expressed_breast_milk", "volume_ml": 120,
                                       "start": "2026-11-20T09:00:00+07:00"}
    assert feeds[1]["note"] == "after her nap"
    assert feeds[2]["segments"][0]["volume_ml"] == pytest.approx(88.7, abs=0.05)  # 3 oz
    assert feeds[3]["segments"][0]["end"] == "2026-11-20T15:12:30+07:00"  # 12:30 as minutes and seconds
    pump = records(m, "pumps")[0]
    assert pump["left_ml"] == 60 and pump["right_ml"] == 75 and pump["duration_min"] == 20
    nappies = sorted(records(m, "nappies"), key=lambda n: n["occurred_at"])
    assert [(n["wet"], n["dirty"]) for n in nappies] == [(True, True), (True, False)]
    assert nappies[0]["stool_colour"] == "yellow"

    again = send(m, "huckleberry.csv", dry_run=False, format="huckleberry", time_zone="Asia/Ho_Chi_Minh")
    assert again.json["added"] == 0 and again.json["counts"]["feeds"] == {"new": 0, "already": 4}
    assert len(records(m, "feeds")) == 4
    # Her summary and charts count them like any feed.
    charts = m.get(f"/api/v1/mothers/{m.user['id']}/charts?days=30")
    assert charts.status == 200


def test_a_malformed_file_names_the_line_and_column_and_stores_nothing(server):
    m = server.register_mother()
    r = send(m, "malformed-huckleberry.csv", dry_run=False, format="huckleberry")
    assert r.status == 400 and r.json["field"] == "/file", r
    assert r.json["detail"] == "line 2, column 5: a quoted cell is never closed"
    vi = m.request("POST", f"/api/v1/mothers/{m.user['id']}/imports?format=huckleberry&dry_run=false",
                   raw=sample("malformed-huckleberry.csv"), headers={"Content-Type": "text/csv", "Accept-Language": "vi"})
    assert vi.status == 400 and vi.json["detail"].startswith("dòng 2, cột 5:"), vi
    r = send(m, "babybuddy-feeding.csv", dry_run=False, format="huckleberry")
    assert r.status == 400 and "not a Huckleberry export" in r.json["detail"]
    assert records(m, "feeds") == []
    assert send(m, "huckleberry.csv", format="fitbit").json["field"] == "/format"
    assert send(m, "huckleberry.csv", format="huckleberry", time_zone="Mars/Olympus").json["field"] == "/time_zone"
    assert send(m, "babybuddy-feeding.csv", format="babybuddy", volume_unit="cup").json["field"] == "/volume_unit"


def test_baby_buddy_files_with_her_units_and_her_baby(server):
    m = server.register_mother()
    assert send(m, "babybuddy-child.csv", dry_run=False, format="babybuddy").json["added"] == 1
    infant = records(m, "infants")[0]
    assert infant["name"] == "An Nguyễn" and infant["birth_date"] == "2026-11-14"
    r = send(m, "babybuddy-feeding.csv", dry_run=False, format="babybuddy", volume_unit="oz")
    assert r.json["source"] == "babybuddy feeding" and r.json["added"] == 3, r
    assert {s["line"] for s in r.json["skipped"]} == {5, 6}
    feeds = sorted(records(m, "feeds"), key=lambda f: f["occurred_at"])
    assert all(f["infant_id"] == infant["id"] for f in feeds), "her baby from Baby Buddy's child"
    assert feeds[2]["segments"][0]["volume_ml"] == pytest.approx(118.3, abs=0.05)  # 4 oz
    assert [s["side"] for s in feeds[1]["segments"]] == ["left", "right"]
    r = send(m, "babybuddy-temperature.csv", dry_run=False, format="babybuddy", temperature_unit="f")
    assert r.json["added"] == 1 and r.json["skipped"][0]["line"] == 3
    temps = records(m, "temperatures")
    assert temps[0]["temp_c"] == pytest.approx(38.0, abs=0.01) and "infant_id" not in temps[0], "hers, not the baby's"
    r = send(m, "babybuddy-pumping.csv", dry_run=False, format="babybuddy", volume_unit="oz")
    assert r.json["added"] == 1 and records(m, "pumps")[0]["total_ml"] == pytest.approx(88.7, abs=0.05)
    r = send(m, "babybuddy-diaperchange.csv", dry_run=False, format="babybuddy")
    assert r.json["added"] == 2 and r.json["skipped"][0]["line"] == 4
    r = send(m, "babybuddy-weight.csv", dry_run=False, format="babybuddy")
    assert r.json["added"] == 1 and records(m, "infant-weights")[0]["weight_g"] == 3450
    assert send(m, "babybuddy-feeding.csv", dry_run=False, format="babybuddy", volume_unit="oz").json["added"] == 0


def test_only_she_imports_into_her_log(server):
    m = server.register_mother()
    other = server.register_mother()
    r = other.request("POST", f"/api/v1/mothers/{m.user['id']}/imports?format=huckleberry&dry_run=false",
                      raw=sample("huckleberry.csv"), headers={"Content-Type": "text/csv"})
    assert r.status == 404
    lan = server.add_staff(f"clin-{new_id()[:8]}@h1.org", "clinician", "h1")
    r = lan.request("POST", f"/api/v1/mothers/{m.user['id']}/imports?format=huckleberry&dry_run=false",
                    raw=sample("huckleberry.csv"), headers={"Content-Type": "text/csv"})
    assert r.status in (403, 404)
    assert records(m, "feeds") == []


def test_the_operator_imports_from_the_command_line(server):
    m = server.register_mother()
    email = m.get("/api/v1/auth/me").json["email"]
    path = os.path.join(DATA, "huckleberry.csv")
    dry = json.loads(server.cli("import", "--format", "huckleberry", "--email", email, path).stdout)
    assert dry["dry_run"] is True and dry["counts"]["feeds"]["new"] == 4 and records(m, "feeds") == []
    done = json.loads(server.cli("import", "--format", "huckleberry", "--email", email, "--store", path).stdout)
    assert done["added"] == 7 and len(records(m, "feeds")) == 4
    bad = server.cli("import", "--format", "huckleberry", "--email", email, "--store",
                     os.path.join(DATA, "malformed-huckleberry.csv"), check=False)
    assert bad.returncode != 0 and "line 2, column 5" in bad.stderr


def test_spreadsheets_with_excel_serial_dates(server, tmp_path):
    m = server.register_mother()
    r = send(m, "babybuddy-feeding.xlsx", dry_run=False, format="babybuddy", volume_unit="ml")
    assert r.status == 200 and r.json["added"] == 2, r
    assert [s["line"] for s in r.json["skipped"]] == [4]  # solid food, row 4 of the sheet
    feeds = sorted(records(m, "feeds"), key=lambda f: f["occurred_at"])
    assert feeds[0]["occurred_at"] == "2026-11-22T05:00:00+07:00" and feeds[0]["note"] == "đêm, bé bú tốt"
    assert feeds[0]["segments"][0]["end"] == "2026-11-22T05:20:00+07:00"
    assert feeds[1]["segments"][0]["volume_ml"] == 90
    r = send(m, "babybuddy-weight.xlsx", dry_run=False, format="babybuddy")
    weight = records(m, "infant-weights")[0]
    assert r.json["added"] == 1 and weight["weight_g"] == 3620 and weight["occurred_at"] == "2026-11-27T00:00:00+07:00"
    # Huckleberry's export saved as a spreadsheet reads the same as its CSV.
    sys.path.insert(0, DATA)
    import make_xlsx
    path = tmp_path / "huckleberry.xlsx"
    make_xlsx.workbook(str(path), ["Type", "Start", "End", "Duration", "Start Condition", "Start Location",
                                   "End Condition", "Notes"],
                       [["Feed", "2026-11-23T06:10:00", "2026-11-23T06:59:00", "00:49", "00:24R", "Breast", "00:25L", ""],
                        ["Pump", "2026-11-23T10:00:00", "2026-11-23T10:20:00", "00:20", "60ml", "", "75ml", ""]],
                       date_cols={1, 2})
    r = send(m, path.read_bytes(), dry_run=False, format="huckleberry")
    assert r.status == 200 and r.json["added"] == 2, r
    assert any(f["occurred_at"] == "2026-11-23T06:10:00+07:00" for f in records(m, "feeds"))
    # A file that only looks like a workbook is refused whole.
    broken = sample("babybuddy-feeding.xlsx")[:600]
    r = send(m, broken, dry_run=False, format="babybuddy")
    assert r.status == 400 and r.json["field"] == "/file" and "not an Excel workbook" in r.json["detail"], r
