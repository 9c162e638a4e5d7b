"""Every reviewer action is an entry in a hash chain; `kua audit verify` proves the chain intact, or names
the first entry someone changed or removed behind the server's back."""

import hashlib
import json
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from tests.review.console import Console, a_reviewer
from tests.support.refusals import assert_refused

pytestmark = pytest.mark.slow

AGE_FILE = {"Content-Type": "application/octet-stream"}


def a_day_of_review(console: Console) -> None:
    """An admin and a triager at work: sign-ins, a fetch, a status, a note, a failed sign-in."""
    admin, triager = a_reviewer(console, "Aigerim", "admin"), a_reviewer(console, "Bolat")
    report_id = console.send_report()
    triager.get(f"/reports/{report_id}/ciphertext")
    triager.post(f"/reports/{report_id}/status", json={"status": "in_review"})
    console.clock.advance(seconds=1, microseconds=250)
    triager.post(f"/reports/{report_id}/notes", content=b"age-encryption.org/v1\n-> sealed note", headers=AGE_FILE)
    console.clock.advance(seconds=30)
    assert_refused(admin.sign_in(password="not the password"), 401, "login_failed")


def rows(console: Console) -> list[sa.Row[tuple[int, datetime, object, str, str, str, str]]]:
    with console.db() as connection:
        query = "SELECT seq, at, actor_id, action, subject, details, hash FROM audit_entry ORDER BY seq"
        return list(connection.execute(sa.text(query)).all())


def test_each_entry_chains_to_the_one_before_as_documented(console: Console) -> None:
    a_day_of_review(console)
    admin = a_reviewer(console, "Dana", "admin")
    listed = admin.get("/audit", params={"limit": 1000}).json()["entries"]
    assert [e["action"] for e in listed] == [
        "reviewer_invited",
        "invitation_accepted",
        "recovery_codes_issued",
        "reviewer_invited",
        "invitation_accepted",
        "recovery_codes_issued",
        "report_fetched",
        "status_changed",
        "note_added",
        "login_failed",
        "reviewer_invited",
        "invitation_accepted",
        "recovery_codes_issued",
    ]
    # hash = SHA-256(previous hash || canonical JSON), from 32 zero bytes (docs/review.md, "Audit log")
    previous = bytes(32)
    for entry in listed:
        fields = {key: entry[key] for key in ("seq", "at", "actor_id", "action", "subject", "details")}
        canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()
        assert hashlib.sha256(previous + canonical).hexdigest() == entry["hash"], entry["seq"]
        assert datetime.fromisoformat(entry["at"]).tzinfo == UTC and entry["at"].endswith("Z")
        previous = bytes.fromhex(entry["hash"])
    # Paging from a sequence number; viewing is itself an entry
    later = admin.get("/audit", params={"after": 8, "limit": 1}).json()["entries"]
    assert [e["seq"] for e in later] == [9]
    assert rows(console)[-1].action == "audit_viewed"


def test_no_entry_holds_an_address_an_agent_or_a_secret(console: Console) -> None:
    a_day_of_review(console)
    text = json.dumps([list(map(str, row)) for row in rows(console)])
    for forbidden in ("127.0.0.1", "python-httpx", "correct horse", "age-encryption.org"):
        assert forbidden not in text


def test_kua_audit_verify_finds_an_intact_chain(console: Console) -> None:
    a_day_of_review(console)
    result = console.kua("audit", "verify")
    assert result.returncode == 0, result.stderr
    last = rows(console)[-1]
    assert result.stdout.strip() == f"The audit log holds: {last.seq} entries, last hash {last.hash}."


def test_kua_audit_verify_names_the_first_entry_changed_behind_its_back(console: Console) -> None:
    a_day_of_review(console)
    # Someone with database access rewrites what entry 6 says (a status change)
    with console.db() as connection, connection.begin():
        connection.execute(
            sa.text("""UPDATE audit_entry SET details = '{"from":"new","to":"rejected"}' WHERE seq = 6""")
        )
    result = console.kua("audit", "verify")
    assert result.returncode == 1
    assert "broken at seq 6" in result.stderr and result.stdout == ""


def test_kua_audit_verify_notices_a_removed_entry(console: Console) -> None:
    a_day_of_review(console)
    with console.db() as connection, connection.begin():
        connection.execute(sa.text("DELETE FROM audit_entry WHERE seq = 5"))
    result = console.kua("audit", "verify")
    assert result.returncode == 1
    assert "broken at seq 6: entry 5 is missing" in result.stderr


def test_kua_audit_verify_on_an_empty_log(console: Console) -> None:
    result = console.kua("audit", "verify")
    assert (result.returncode, result.stdout.strip()) == (0, "The audit log is empty.")


def test_concurrent_actions_keep_one_unbroken_chain(console: Console) -> None:
    # Given two reviewers working at once on the same reports
    aigerim, bolat = a_reviewer(console, "Aigerim"), a_reviewer(console, "Bolat")
    report_ids = [console.send_report() for _ in range(4)]
    jobs = [(reviewer, report_id) for report_id in report_ids for reviewer in (aigerim, bolat) for _ in range(4)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        fetched = list(pool.map(lambda job: job[0].get(f"/reports/{job[1]}/ciphertext").status_code, jobs))
        # Both try to take each report into review at the same moment: one of them does
        moves = list(
            pool.map(
                lambda job: job[0].post(f"/reports/{job[1]}/status", json={"status": "in_review"}).status_code,
                [(reviewer, report_id) for report_id in report_ids for reviewer in (aigerim, bolat)],
            )
        )
    assert fetched == [200] * len(jobs)
    assert sorted(moves) == [200] * len(report_ids) + [409] * len(report_ids)
    # Then the log holds every action, in one chain
    result = console.kua("audit", "verify")
    assert result.returncode == 0, result.stderr
    # Two reviewers enrolled: invited, accepted, recovery codes issued (3 each)
    assert f"holds: {6 + len(jobs) + len(report_ids)} entries" in result.stdout
