"""Reviewers move reports through one state machine (docs/review.md, "Statuses") and set priority,
assignee and labels; anything else is refused and changes nothing."""

import itertools
import uuid

import httpx
import pytest

from tests.review.console import Console, Reviewer, a_reviewer, audit_actions
from tests.support.refusals import assert_refused

# The contract, written out again here rather than imported: the test checks the code against the document.
ALLOWED = {
    ("new", "in_review"),
    ("new", "rejected"),
    ("new", "duplicate"),
    ("in_review", "verified"),
    ("in_review", "rejected"),
    ("in_review", "duplicate"),
    ("in_review", "escalated"),
    ("verified", "escalated"),
    ("verified", "closed"),
    ("verified", "in_review"),
    ("escalated", "closed"),
    ("escalated", "in_review"),
    ("closed", "in_review"),
    ("rejected", "in_review"),
    ("duplicate", "in_review"),
}
STATUSES = ["new", "in_review", "verified", "escalated", "closed", "rejected", "duplicate"]
PATH_TO = {
    "new": [],
    "in_review": ["in_review"],
    "verified": ["in_review", "verified"],
    "escalated": ["in_review", "escalated"],
    "closed": ["in_review", "verified", "closed"],
    "rejected": ["rejected"],
    "duplicate": ["duplicate"],
}


@pytest.fixture(scope="module")
def triager(shared_console: Console) -> Reviewer:
    return a_reviewer(shared_console, f"Triager {uuid.uuid4().hex[:6]}")


@pytest.fixture(scope="module")
def original(shared_console: Console) -> uuid.UUID:
    """A report that others repeat."""
    return shared_console.send_report("Первое сообщение о задержании.")


def move(reviewer: Reviewer, report_id: uuid.UUID, status: str, original: uuid.UUID) -> httpx.Response:
    body = {"status": status, "duplicate_of": str(original)} if status == "duplicate" else {"status": status}
    return reviewer.post(f"/reports/{report_id}/status", json=body)


@pytest.mark.parametrize(("current", "target"), list(itertools.product(STATUSES, STATUSES)))
def test_every_transition_is_allowed_or_refused_as_the_contract_says(
    shared_console: Console, triager: Reviewer, original: uuid.UUID, current: str, target: str
) -> None:
    # Given a report in `current`
    report_id = shared_console.send_report()
    for step in PATH_TO[current]:
        assert move(triager, report_id, step, original).status_code == 200
    assert triager.get(f"/reports/{report_id}").json()["status"] == current
    entries = len(audit_actions(shared_console))
    # When a reviewer moves it to `target`
    response = move(triager, report_id, target, original)
    report = triager.get(f"/reports/{report_id}").json()
    if (current, target) in ALLOWED:
        # Then it is there, and the audit log says who moved it from where
        assert response.status_code == 200, response.text
        assert response.json() == report and report["status"] == target
        assert report["duplicate_of"] == (str(original) if target == "duplicate" else None)
        assert audit_actions(shared_console)[entries:] == ["status_changed"]
    else:
        # Or it is refused and nothing changed
        assert_refused(response, 409, "transition_refused")
        assert report["status"] == current
        assert len(audit_actions(shared_console)) == entries


def test_a_duplicate_must_name_another_existing_report(
    shared_console: Console, triager: Reviewer, original: uuid.UUID
) -> None:
    report_id = shared_console.send_report()
    path = f"/reports/{report_id}/status"
    refusals = [
        {"status": "duplicate"},
        {"status": "duplicate", "duplicate_of": None},
        {"status": "duplicate", "duplicate_of": str(report_id)},
        {"status": "duplicate", "duplicate_of": str(uuid.uuid4())},
        {"status": "in_review", "duplicate_of": str(original)},
    ]
    for body in refusals:
        assert_refused(triager.post(path, json=body), 422, "invalid_duplicate_of")
    assert triager.get(f"/reports/{report_id}").json()["status"] == "new"
    # Named properly, it is a duplicate; back in review, it no longer names one
    marked = triager.post(path, json={"status": "duplicate", "duplicate_of": str(original)}).json()
    assert (marked["status"], marked["duplicate_of"]) == ("duplicate", str(original))
    reopened = triager.post(path, json={"status": "in_review"}).json()
    assert (reopened["status"], reopened["duplicate_of"]) == ("in_review", None)


def test_an_unknown_status_or_report_is_refused(shared_console: Console, triager: Reviewer) -> None:
    report_id = shared_console.send_report()
    assert_refused(triager.post(f"/reports/{report_id}/status", json={"status": "archived"}), 422, "invalid_request")
    missing = triager.post(f"/reports/{uuid.uuid4()}/status", json={"status": "in_review"})
    assert_refused(missing, 404, "report_not_found")
    assert_refused(triager.get(f"/reports/{uuid.uuid4()}"), 404, "report_not_found")


def test_a_new_report_is_normal_priority_and_a_reviewer_raises_it(shared_console: Console, triager: Reviewer) -> None:
    report_id = shared_console.send_report("Прямо сейчас идёт обыск.")
    report = triager.get(f"/reports/{report_id}").json()
    assert (report["status"], report["priority"], report["labels"]) == ("new", "normal", [])
    assert report["updated_at"] == report["received_at"]
    # The console learns it is happening now only after decrypting, and raises it
    changed = triager.send("PATCH", f"/reports/{report_id}", json={"priority": "urgent"}).json()
    assert changed["priority"] == "urgent" and changed["status"] == "new"


def test_assignee_and_labels_change_only_when_sent(shared_console: Console, triager: Reviewer) -> None:
    report_id = shared_console.send_report()
    path = f"/reports/{report_id}"
    before = len(audit_actions(shared_console))
    assigned = triager.send("PATCH", path, json={"assignee_id": triager.id, "labels": ["Алматы", "обыск", "обыск "]})
    assert assigned.status_code == 200, assigned.text
    assert (assigned.json()["assignee_id"], assigned.json()["labels"]) == (triager.id, ["Алматы", "обыск"])
    relabelled = triager.send("PATCH", path, json={"labels": []}).json()
    assert (relabelled["assignee_id"], relabelled["labels"]) == (triager.id, [])
    unassigned = triager.send("PATCH", path, json={"assignee_id": None}).json()
    assert unassigned["assignee_id"] is None
    assert triager.send("PATCH", path, json={"assignee_id": None}).status_code == 200  # no change: no entry
    assert audit_actions(shared_console)[before:] == ["triage_changed"] * 3


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"priority": "whenever"}, "invalid_request"),
        ({"priority": None}, "invalid_priority"),
        ({"labels": [f"label {i}" for i in range(21)]}, "invalid_labels"),
        ({"labels": ["x" * 41]}, "invalid_labels"),
        ({"labels": ["  "]}, "invalid_labels"),
        ({"assignee_id": str(uuid.uuid4())}, "invalid_assignee"),
        ({"status": "closed"}, "invalid_request"),
    ],
    ids=["unknown-priority", "null-priority", "21-labels", "long-label", "empty-label", "unknown-assignee", "status"],
)
def test_bad_triage_fields_are_refused_and_change_nothing(
    shared_console: Console, triager: Reviewer, body: dict[str, object], code: str
) -> None:
    report_id = shared_console.send_report()
    before = triager.get(f"/reports/{report_id}").json()
    assert_refused(triager.send("PATCH", f"/reports/{report_id}", json=body), 422, code)
    assert triager.get(f"/reports/{report_id}").json() == before
