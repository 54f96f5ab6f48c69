"""The mother's care log end to end: register, log, read back, summary, edit, delete, export."""
from tia_client import local, new_id


def base(c):
    return f"/api/v1/mothers/{c.user['id']}"


def feed_body():
    return {
        "occurred_at": local(40),
        "segments": [
            {"type": "breast", "side": "left", "start": local(40), "end": local(25),
             "pauses": [{"start": local(33), "end": local(31)}]},
            {"type": "breast", "side": "right", "start": local(24), "end": local(14)},
            {"type": "bottle", "milk": "expressed_breast_milk", "volume_ml": 30},
        ],
    }


def test_new_mother_logs_and_reads_back_everything_and_exports_it(server):
    m = server.register_mother()
    b = base(m)
    feed_id, pump_id, check_id, temp_id = new_id(), new_id(), new_id(), new_id()

    feed = feed_body()  # once: its times come from the clock, which moves on between calls
    r = m.put(f"{b}/feeds/{feed_id}", feed)
    assert r.status == 201, r
    assert r.json["segments"][0]["pauses"][0]["end"] == feed["segments"][0]["pauses"][0]["end"]
    assert r.json["segments"][2]["volume_ml"] == 30
    assert r.header("etag") == '"1"'

    r = m.put(f"{b}/pumps/{pump_id}", {"occurred_at": local(10), "method": "electric_double",
                                       "left_ml": 60, "right_oz": 1.5, "duration_min": 15})
    assert r.status == 201, r
    assert r.json["right_ml"] == 44.4  # 1.5 oz, stored and shown in mL

    r = m.put(f"{b}/breast-checks/{check_id}", {
        "occurred_at": local(8),
        "right": {"pain": 6, "locations": [{"clock": 10, "distance_cm": 3}],
                  "lump": {"size_cm": 2, "feel": "tender_firm"}, "redness": "focal", "warmth": True,
                  "nipple": ["cracked"], "milk_flow": "reduced"}})
    assert r.status == 201, r

    r = m.put(f"{b}/temperatures/{temp_id}", {"occurred_at": local(5), "temp_f": 101.1, "chills": True})
    assert r.status == 201, r
    assert r.json["temp_c"] == 38.39  # 101.1 °F, kept to 0.01 °C so it shows back as 101.1 °F

    # Read each back, alone and in its list.
    for coll, rid in [("feeds", feed_id), ("pumps", pump_id), ("breast-checks", check_id),
                      ("temperatures", temp_id)]:
        one = m.get(f"{b}/{coll}/{rid}")
        assert one.status == 200, one
        assert one.json["id"] == rid
        listed = m.get(f"{b}/{coll}")
        assert [x["id"] for x in listed.json["items"]] == [rid]

    s = m.get(f"{b}/summary").json
    assert s["feeds_24h"] == 1
    assert s["temperature"]["highest_72h"]["temp_c"] == 38.39
    assert s["last_milk_removal"]["left"]["source"] == "pump"
    assert s["per_side_24h"]["left"]["breast_minutes"] == 13.0  # 15 min less a 2 min pause

    c = m.get(f"{b}/charts?days=7").json
    assert len(c["per_day"]) == 7 and c["to"] == local(0)[:10]
    week = {k: sum(d[k] for d in c["per_day"]) for k in c["per_day"][0] if k != "date"}  # midnight-proof
    assert (week["left_feeds"], week["right_feeds"], week["left_minutes"], week["right_minutes"]) == (1, 1, 13.0, 10.0)
    assert week["bottle_ml"] == 30 and week["pump_left_ml"] == 60 and week["pump_right_ml"] == 44.4
    assert [t["temp_c"] for t in c["temperatures"]] == [38.39]
    assert c["breast_checks"][-1]["side"] == "right" and c["breast_checks"][-1]["pain"] == 6

    # Right after signing in, the export holds all of it.
    r = m.get(f"{b}/export")
    assert r.status == 200, r
    exported = {x["id"]: x for x in r.json["records"]}
    assert set(exported) == {feed_id, pump_id, check_id, temp_id}
    assert [s["type"] for s in exported[feed_id]["segments"]] == ["breast", "breast", "bottle"]
    assert exported[feed_id]["segments"][0]["pauses"] == feed["segments"][0]["pauses"]
    assert exported[pump_id]["left_ml"] == 60 and exported[check_id]["right"]["pain"] == 6
    assert exported[temp_id]["temp_c"] == 38.39
    assert r.json["consents"][0]["text_version"] == "care-data-2026-11"
    assert r.json["mother"]["id"] == m.user["id"]
    assert any(e["action"] == "export" for e in server.client(token=m.token).get(f"{b}/export").json["access_log"])


def test_edit_keeps_history_and_delete_is_soft(server):
    m = server.register_mother()
    b = base(m)
    rid = new_id()
    body = {"occurred_at": local(30), "text": "left side sore"}
    assert m.put(f"{b}/notes/{rid}", body).status == 201
    body["text"] = "left side sore, better after feed"
    r = m.put(f"{b}/notes/{rid}", body, headers={"If-Match": '"1"'})
    assert r.status == 200 and r.json["version"] == 2
    stale = m.put(f"{b}/notes/{rid}", dict(body, text="again"), headers={"If-Match": '"1"'})
    assert stale.status == 412, stale
    h = m.get(f"{b}/notes/{rid}/history").json["versions"]
    assert [v["text"] for v in h] == ["left side sore", "left side sore, better after feed"]

    d = m.delete(f"{b}/notes/{rid}")
    assert d.status == 200 and d.json["deleted"] is True
    assert m.get(f"{b}/notes/{rid}").status == 404
    assert m.get(f"{b}/notes").json["items"] == []
    assert m.put(f"{b}/notes/{rid}", body).status == 409  # a deleted id is not silently revived
    h = m.get(f"{b}/notes/{rid}/history").json["versions"]
    assert len(h) == 3 and h[-1]["deleted"] is True


def test_lists_are_cursor_paginated_newest_first(server):
    m = server.register_mother()
    b = base(m)
    ids = []
    for i in range(7):
        rid = new_id()
        ids.append(rid)
        assert m.put(f"{b}/nappies/{rid}", {"occurred_at": local(100 - i), "wet": True}).status == 201
    seen, cursor = [], None
    while True:
        q = f"?limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = m.get(f"{b}/nappies{q}").json
        seen += [x["id"] for x in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == list(reversed(ids))
    assert m.get(f"{b}/nappies?limit=101").status == 400
    assert m.get(f"{b}/nappies?cursor=garbage").json["field"] == "/cursor"


def test_twins_and_infant_references(server):
    m = server.register_mother()
    b = base(m)
    a, z = new_id(), new_id()
    for rid, name in [(a, "An"), (z, "Binh")]:
        assert m.put(f"{b}/infants/{rid}", {"name": name, "birth_date": local(60 * 24 * 3)[:10]}).status == 201
    assert len(m.get(f"{b}/infants").json["items"]) == 2
    ok = m.put(f"{b}/nappies/{new_id()}", {"occurred_at": local(5), "infant_id": z, "wet": True})
    assert ok.status == 201
    bad = m.put(f"{b}/nappies/{new_id()}", {"occurred_at": local(5), "infant_id": new_id(), "wet": True})
    assert bad.status == 400 and bad.json["field"] == "/infant_id"
    w = m.put(f"{b}/infant-weights/{new_id()}", {"occurred_at": local(5), "infant_id": a, "weight_g": 3260,
                                                  "scale": "clinic", "naked": True})
    assert w.status == 201 and w.json["weight_g"] == 3260
    kg = m.put(f"{b}/infant-weights/{new_id()}", {"occurred_at": local(5), "infant_id": a, "weight_g": 3.26})
    assert kg.status == 400 and kg.json["field"] == "/weight_g"  # grams, never a unitless number


def test_profile_and_units(server):
    m = server.register_mother()
    b = base(m)
    assert m.get(f"{b}/profile").json["version"] == 0
    prof = {"baby_birth_date": local(60 * 24 * 5)[:10], "first_baby": True, "delivery_type": "vaginal",
            "breast_surgery": False, "breast_implants": False, "time_zone": "Asia/Ho_Chi_Minh",
            "language": "vi", "units": {"volume": "oz", "temperature": "f"}}
    r = m.put(f"{b}/profile", prof)
    assert r.status == 201, r
    assert m.get(f"{b}/profile").json["units"] == {"volume": "oz", "temperature": "f"}
    bad = m.put(f"{b}/profile", dict(prof, delivery_type="forceps"))
    assert bad.status == 400 and bad.json["field"] == "/delivery_type"
    # A time zone is checked against the zone database, not only by its shape.
    for tz in ("Mars/Olympus", "Etc/GMT+99", "Asia/Ha_Noi"):
        bad = m.put(f"{b}/profile", dict(prof, time_zone=tz), headers={"If-Match": '"1"'})
        assert bad.status == 400 and bad.json["field"] == "/time_zone", (tz, bad)
    assert m.get(f"{b}/profile").json["time_zone"] == "Asia/Ho_Chi_Minh"
    # The symptom check's answers about her are kept here too.
    r = m.put(f"{b}/profile", dict(prof, breastfeeding=True, diabetes=False, weakened_immunity=True,
                                   breast_surgery=True, breast_surgery_date=local(60 * 24 * 100)[:10]),
              headers={"If-Match": '"1"'})
    assert r.status == 200 and r.json["weakened_immunity"] is True, r
    bad = m.put(f"{b}/profile", dict(prof, diabetes="yes"), headers={"If-Match": '"2"'})
    assert bad.status == 400 and bad.json["field"] == "/diabetes"


def test_export_needs_a_recent_sign_in():
    import time
    from tia_client import Server
    s = Server(env={"TIA_REAUTH_WINDOW_S": "1"}).start()
    try:
        s.add_hospital("h1")
        m = s.register_mother()
        time.sleep(1.2)
        b = base(m)
        r = m.get(f"{b}/export")
        assert r.status == 403 and "reauthenticate" in r.json["detail"]
        bad = m.post("/api/v1/auth/reauthenticate", {"password": "not the password"})
        assert bad.status == 400 and bad.json["field"] == "/password"
        assert m.post("/api/v1/auth/reauthenticate", {"password": m.password}).status == 204
        assert m.get(f"{b}/export").status == 200
    finally:
        s.stop()


def test_charts_window_is_checked_and_names_the_field(server):
    m = server.register_mother()
    for bad in ("0", "91", "7.5", "x", ""):
        r = m.get(f"{base(m)}/charts?days={bad}")
        assert r.status == 400 and r.json["field"] == "days", (bad, r)
    c = m.get(f"{base(m)}/charts").json
    assert c["days"] == 14 and len(c["per_day"]) == 14
    assert all(d["feeds"] == 0 for d in c["per_day"]) and c["feed_intervals"] == []
