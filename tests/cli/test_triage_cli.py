"""`tia triage` and `tia rules check` as other tools call them: the exact contract of issue 3.

Runs every clinical case of rules/cases/ through the binary (not the library), checks the JSON
shape key by key, and the one-line errors with exit 2 for bad input.
"""
import json
import os
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TIA = os.environ.get("TIA_BIN", str(ROOT / "build/asan/tia"))
DISPOSITIONS = {"self_care", "contact_24h", "same_day", "emergency"}
CONDITIONS = {
    "normal_physiology", "engorgement", "hyperlactation", "ductal_narrowing", "nipple_bleb",
    "nipple_damage", "infected_nipple_fissure", "inflammatory_mastitis", "bacterial_mastitis",
    "recurrent_mastitis", "subacute_mastitis", "phlegmon", "galactocele", "abscess",
    "sepsis_suspected", "non_lactational_mastitis", "persistent_mass_red_flag", "ibc_red_flag"}


def triage(stdin, *args):
    return subprocess.run([TIA, "triage", *args], input=stdin.encode() if isinstance(stdin, str) else stdin,
                          capture_output=True, timeout=30)


def all_cases():
    for f in sorted((ROOT / "rules/cases").glob("*.json")):
        for c in json.loads(f.read_text())["cases"]:
            yield pytest.param(c, id=f"{f.stem}: {c['name']}")


def check_shape(out):
    assert list(out) == ["disposition", "condition", "fired", "recheck_hours", "self_care_plan", "protocol"]
    assert out["disposition"] in DISPOSITIONS
    assert out["condition"] in CONDITIONS
    for f in out["fired"]:
        assert list(f) == ["id", "disposition", "reason", "sources"]
        assert f["disposition"] in DISPOSITIONS and f["reason"] and f["sources"]
    assert out["recheck_hours"] is None or (isinstance(out["recheck_hours"], (int, float)) and out["recheck_hours"] >= 0)
    assert out["self_care_plan"] is None or isinstance(out["self_care_plan"], str)
    assert out["protocol"] == {"id": "tia-mastitis-spectrum", "version": out["protocol"]["version"]}


@pytest.mark.parametrize("case", all_cases())
def test_case_through_the_binary(case):
    r = triage(json.dumps(case["input"]))
    assert r.returncode == 0, r.stderr
    assert r.stderr == b""
    out = json.loads(r.stdout)
    check_shape(out)
    e = case["expect"]
    fired = [f["id"] for f in out["fired"]]
    for k in ("disposition", "condition", "recheck_hours", "self_care_plan"):
        if k in e:
            assert out[k] == e[k], k
    assert set(e.get("fires", [])) <= set(fired)
    assert not set(e.get("not_fires", [])) & set(fired)
    if "fired" in e:
        assert fired == e["fired"]
    # The most urgent fired rule decides (a raising rule shows the level it raised to).
    order = ["self_care", "contact_24h", "same_day", "emergency"]
    top = max([order.index(f["disposition"]) for f in out["fired"]], default=0)
    assert order.index(out["disposition"]) == top


@pytest.mark.parametrize("stdin,line", [
    ('{"heart_rate": 300}', "tia triage: /heart_rate: must be between 20 and 250"),
    ('{"current_temp_c": 24.9}', "tia triage: /current_temp_c: must be between 25 and 45"),
    ('{"symptom_hours": -1}', "tia triage: /symptom_hours: must be between 0 and 8784"),
    ('{"prior_episodes_same_site_3_months": -2}', "tia triage: /prior_episodes_same_site_3_months: must be between 0 and 100"),
    ('{"heart_rate": 80.5}', "tia triage: /heart_rate: must be a whole number"),
    ('{"chills": "yes"}', "tia triage: /chills: must be true or false"),
    ('{"lactating": null}', "tia triage: /lactating: must not be null"),
    ('{"trend": "better"}', "tia triage: /trend: must be one of: improving, unchanged, worsening"),
    ('{"temperature": 38}', "tia triage: /temperature: is not a field of the engine's input"),
    ('{"chills": true, "chills": false}', "tia triage: /chills: is given twice"),
    ('[{"chills": true}]', "tia triage: the input is not a JSON object"),
    ('"hello"', "tia triage: the input is not a JSON object"),
    ('', "tia triage: the input is not a JSON object (invalid JSON at byte 1)"),
    ('{"chills": tru}', "tia triage: the input is not a JSON object (invalid JSON at byte 15)"),
    ('{} {}', "tia triage: the input is not a JSON object (invalid JSON at byte 4)"),
])
def test_bad_input_exits_2_with_one_line_naming_the_field(stdin, line):
    r = triage(stdin)
    assert r.returncode == 2
    assert r.stdout == b""
    assert r.stderr.decode() == line + "\n"


def test_bad_bytes_are_not_a_crash():
    r = triage(b"\xff\xfe{\x00")
    assert r.returncode == 2 and r.stderr.count(b"\n") == 1


def test_vietnamese_reasons_and_explain():
    r = triage('{"heart_rate": 135}', "--lang", "vi")
    assert r.returncode == 0
    assert "Cần cấp cứu ngay" in json.loads(r.stdout)["fired"][0]["reason"]
    r = triage('{"current_temp_c": 38.6, "focal_tender_area": true, "self_care_hours": 30, "symptom_hours": 30}', "--explain")
    text = r.stdout.decode()
    assert r.returncode == 0 and "Result: same_day" in text and "S6 -> same_day" in text and "fever = yes" in text
    assert triage("{}", "--lang", "fr").returncode == 2


def test_another_protocol_file_and_its_errors(tmp_path):
    src = (ROOT / "rules/mastitis.toml").read_text()
    # A hospital's variant: a different version is reported in every result.
    variant = tmp_path / "variant.toml"
    variant.write_text(src.replace('version = "1.1.0"', 'version = "1.1.1-local"'))
    out = json.loads(triage("{}", "--protocol", str(variant)).stdout)
    assert out["protocol"]["version"] == "1.1.1-local"
    broken = tmp_path / "broken.toml"
    broken.write_text(src.replace("when = 'skin_dusky_or_necrotic'\nreason", "when = 'skin_dusky'\nreason"))
    r = triage("{}", "--protocol", str(broken))
    line = src[:src.index("when = 'skin_dusky_or_necrotic'\nreason")].count("\n") + 1
    assert r.returncode == 1
    assert r.stderr.decode() == f"tia triage: {broken}:{line}: rule E2: when: at column 1: unknown name 'skin_dusky'\n"


def test_rules_check_reports_full_coverage():
    r = subprocess.run([TIA, "rules", "check"], capture_output=True, timeout=60)
    assert r.returncode == 0, r.stdout
    text = r.stdout.decode()
    assert "OK: every case passes" in text
    n = int(text.split("cases: ")[1].split(" ")[0])
    assert n >= 160
    r = subprocess.run([TIA, "rules", "check", str(ROOT / "rules/mastitis.toml")], capture_output=True, timeout=60)
    assert r.returncode == 0 and f"cases: {n} in" in r.stdout.decode()


def test_an_earlier_version_still_explains_a_stored_result():
    # A fever without a breast sign on day 10: 1.0.0 called it sepsis (S13 made the label); 1.1.0
    # keeps it same day and labels it by the breast findings (EVIDENCE 3.5).
    stored = '{"current_temp_c": 38.1, "days_postpartum": 10}'
    old = json.loads(triage(stored, "--protocol-version", "1.0.0").stdout)
    new = json.loads(triage(stored).stdout)
    assert old["protocol"]["version"] == "1.0.0" and new["protocol"]["version"] == "1.1.0"
    assert old["condition"] == "sepsis_suspected" and new["condition"] == "normal_physiology"
    assert old["disposition"] == new["disposition"] == "same_day"
    text = triage(stored, "--protocol-version", "1.0.0", "--explain").stdout.decode()
    assert "1.0.0" in text and "S13 -> same_day" in text
    r = triage("{}", "--protocol-version", "0.9")
    assert r.returncode == 2 and r.stderr.decode() == "tia triage: --protocol-version: must be one of: 1.1.0, 1.0.0\n"
    # The archived version checks against its own cases.
    r = subprocess.run([TIA, "rules", "check", str(ROOT / "rules/1.0.0/mastitis.toml")], capture_output=True, timeout=60)
    assert r.returncode == 0 and "protocol tia-mastitis-spectrum 1.0.0" in r.stdout.decode(), r.stdout


def test_rules_check_finds_an_uncovered_rule_and_a_failing_case(tmp_path):
    shutil.copytree(ROOT / "rules/cases", tmp_path / "cases")
    src = (ROOT / "rules/mastitis.toml").read_text()
    extra = src + '''
[[rule]]
id = "C99"
disposition = "contact_24h"
when = 'maternal_age >= 65'
reason.en = "Test rule."
reason.vi = "Quy tắc thử."
sources = ["CKS"]
'''
    # And a threshold moved by mistake: E1's heart rate > 130 written as > 131.
    extra = extra.replace("resp_rate >= 25 or heart_rate > 130 or systolic_bp <= 90\n",
                          "resp_rate >= 25 or heart_rate > 131 or systolic_bp <= 90\n", 1)
    (tmp_path / "p.toml").write_text(extra)
    r = subprocess.run([TIA, "rules", "check", str(tmp_path / "p.toml")], capture_output=True, timeout=60)
    assert r.returncode == 1
    assert "FAIL rule C99 is fired by no case" in r.stdout.decode()
    # The boundary case catches the moved threshold, by name.
    assert 'heart rate 131 alone is a high-risk sign: disposition is "self_care", expected "emergency"' in r.stdout.decode()
