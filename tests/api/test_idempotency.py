"""A phone that resends never makes a duplicate (research 2.5, test R7 a/b)."""
from tia_client import concurrently, local, new_id


def test_same_put_ten_times_stores_one_and_answers_the_same(server):
    m = server.register_mother()
    b = f"/api/v1/mothers/{m.user['id']}"
    rid = new_id()
    body = {"occurred_at": local(20), "method": "hand_expression", "total_ml": 12}
    replies = [m.put(f"{b}/pumps/{rid}", body) for _ in range(10)]
    assert {r.status for r in replies} == {201}
    assert all(r.json == replies[0].json for r in replies)
    assert len(m.get(f"{b}/pumps").json["items"]) == 1


def test_twenty_concurrent_identical_puts_store_one(server):
    m = server.register_mother()
    b = f"/api/v1/mothers/{m.user['id']}"
    rid = new_id()
    body = {"occurred_at": local(20), "wet": True, "dirty": True}
    def send():
        c = server.client(token=m.token)
        r = c.put(f"{b}/nappies/{rid}", body)
        c.close()
        return r

    replies = concurrently(20, send)
    assert len(replies) == 20
    assert {r.status for r in replies} == {201}
    assert len({r.raw for r in replies}) == 1
    assert len(m.get(f"{b}/nappies").json["items"]) == 1


def test_same_id_for_another_kind_is_a_conflict(server):
    m = server.register_mother()
    b = f"/api/v1/mothers/{m.user['id']}"
    rid = new_id()
    assert m.put(f"{b}/notes/{rid}", {"occurred_at": local(1), "text": "x"}).status == 201
    r = m.put(f"{b}/nappies/{rid}", {"occurred_at": local(1), "wet": True})
    assert r.status == 409 and r.json["field"] == "/id"
