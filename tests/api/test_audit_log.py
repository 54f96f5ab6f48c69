"""The audit log screen's API (issue 13, item 7): an administrator reads her hospital's audit rows
newest first with who acted and whom it concerned by name, filtered by action, outcome, person and
time, a page at a time; nobody else can read it, another hospital's rows never show, and reading it
is itself audited."""
import urllib.parse
import uuid

from tia_client import local, new_id


def q(**params):
    return "/api/v1/hospital/audit?" + urllib.parse.urlencode(params)


def test_filters_by_person_action_outcome_and_time_a_page_at_a_time(server):
    mother = server.register_mother()
    base = f"/api/v1/mothers/{mother.user['id']}"
    assert mother.put(f"{base}/notes/{new_id()}", {"occurred_at": local(1), "text": "x"}).status == 201
    lan = server.add_staff(f"lan-{uuid.uuid4().hex[:6]}@h1.org", "clinician", "h1")
    admin = server.add_staff(f"adm-{uuid.uuid4().hex[:6]}@h1.org", "hospital_admin", "h1")
    for path in ("/summary", "/notes", "/profile"):
        assert lan.get(base + path).status == 200
    assert lan.put(f"{base}/notes/{new_id()}", {"occurred_at": local(1), "text": "y"}).status in (403, 404)

    r = admin.get(q(actor=lan.user["id"], action="read"))
    assert r.status == 200, r
    reads = r.json["items"]
    assert len(reads) == 3 and all(e["actor"] == {"id": lan.user["id"], "name": lan.user["display_name"]} for e in reads)
    assert all(e["subject"] == {"id": mother.user["id"], "name": "Mother"} for e in reads), reads
    assert {"read", "login"} <= set(r.json["actions"]) and "denied" in r.json["outcomes"]
    denied = admin.get(q(actor=lan.user["id"], outcome="denied")).json["items"]
    assert len(denied) == 1 and denied[0]["action"] != "read", denied
    about_her = admin.get(q(subject=mother.user["id"])).json["items"]
    assert {e["actor_role"] for e in about_her} >= {"clinician", "mother"}
    # Pages: two at a time, newest first, none twice, ending with no cursor.
    seen, cursor = [], None
    while True:
        page = admin.get(q(actor=lan.user["id"], limit=2, **({"cursor": cursor} if cursor else {}))).json
        seen += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            break
    everything = admin.get(q(actor=lan.user["id"])).json["items"]
    assert [e["request_id"] for e in seen] == [e["request_id"] for e in everything] and len(seen) >= 5
    assert [e["at"] for e in seen] == sorted([e["at"] for e in seen], reverse=True)
    # Time: nothing before the clinician existed; all of it from then on.
    assert admin.get(q(actor=lan.user["id"], to="2000-01-01T00:00:00Z")).json["items"] == []
    assert len(admin.get(q(actor=lan.user["id"], **{"from": "2000-01-01T00:00:00+07:00"})).json["items"]) == len(everything)
    # Reading the log is audited.
    mine = admin.get(q(actor=admin.user["id"], action="read")).json["items"]
    assert any(e["resource"] == "audit" for e in mine), mine


def test_bad_filters_name_the_field_and_others_see_nothing(server):
    admin = server.add_staff(f"adm-{uuid.uuid4().hex[:6]}@h1.org", "hospital_admin", "h1")
    for params, field in (({"from": "yesterday"}, "/from"), ({"to": "2026-12-01"}, "/to"),
                          ({"cursor": "abc"}, "/cursor"), ({"limit": "0"}, "/limit"), ({"limit": "501"}, "/limit")):
        r = admin.get(q(**params), headers={"Accept-Language": "vi"})
        assert r.status == 400 and r.json["field"] == field, (params, r)
    other_admin = server.add_staff(f"adm-{uuid.uuid4().hex[:6]}@h2.org", "hospital_admin", "h2")
    lan = server.add_staff(f"lan-{uuid.uuid4().hex[:6]}@h1.org", "clinician", "h1")
    # Another hospital's admin finds none of h1's clinician's rows, by name or otherwise.
    assert other_admin.get(q(actor=lan.user["id"])).json["items"] == []
    assert lan.user["id"] not in other_admin.get(q()).raw
    assert lan.get(q()).status == 404
    assert server.register_mother().get(q()).status == 404
