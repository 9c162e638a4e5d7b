"""What the event loop and the recorder process say to each other (kua.intake.recorder, recorder_process).

Every frame is a 4-byte length and a payload of fixed-layout fields (struct): nothing is pickled,
and encoding a report costs about a microsecond on the ingest hot path.

- To the process: first the database URL (UTF-8; never on its command line, where `ps` shows it),
  then one frame per report (`pending_frame`).
- From the process: one frame per group, an answer per report (`answers_frame`): the report is
  new, or was stored before (with that receipt's fields), or a Refusal.
"""

import struct
import uuid
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from kua.intake.group_commit import Outcome, PendingReport, Refusal
from kua.intake.receipts import Receipt, Submission

_LENGTH = struct.Struct("!I")
# job, report id, sha256 (hex), size, received_at (µs since 1970), attachment count, happening now,
# whether a reporter token's SHA-256 follows, whether the ciphertext (else a blob key) follows.
_REPORT = struct.Struct("!Q16s64sQqB???")
# job, outcome, and for a report stored before: its sha256 (hex), size and received_at (µs).
_ANSWER = struct.Struct("!QB64sQq")
_UUID_BYTES, _DIGEST_BYTES = 16, 64
_CREATED, _STORED_BEFORE = 0, 1
_REFUSALS = {Refusal.CONFLICT: 2, Refusal.FAILED: 3}
_REFUSAL_OF = {code: refusal for refusal, code in _REFUSALS.items()}
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def frame(payload: bytes) -> bytes:
    return _LENGTH.pack(len(payload)) + payload


class FrameReader:
    """Whole frames' payloads out of bytes that arrive in pieces."""

    def __init__(self) -> None:
        self._buffer = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        self._buffer += data
        payloads: list[bytes] = []
        while len(self._buffer) >= _LENGTH.size:
            (length,) = _LENGTH.unpack_from(self._buffer)
            end = _LENGTH.size + length
            if len(self._buffer) < end:
                break
            payloads.append(bytes(self._buffer[_LENGTH.size : end]))
            del self._buffer[:end]
        return payloads


def pending_frame(job: int, pending: PendingReport) -> bytes:
    token = pending.reporter_token_sha256
    head = _REPORT.pack(
        job,
        pending.report_id.bytes,
        pending.sha256.encode(),
        pending.size,
        _microseconds(pending.received_at),
        len(pending.attachment_ids),
        pending.happening_now,
        token is not None,
        pending.ciphertext is not None,
    )
    stored = pending.ciphertext if pending.ciphertext is not None else (pending.blob_key or "").encode()
    parts = [head, token.encode() if token is not None else b"", *(a.bytes for a in pending.attachment_ids), stored]
    return frame(b"".join(parts))


def pending_of(payload: bytes) -> tuple[int, PendingReport]:
    job, report_id, sha256, size, received_at, attachments, now, has_token, in_row = _REPORT.unpack_from(payload)
    at = _REPORT.size
    token = None
    if has_token:
        token, at = payload[at : at + _DIGEST_BYTES].decode(), at + _DIGEST_BYTES
    attachment_ids = []
    for _ in range(attachments):
        attachment_ids.append(uuid.UUID(bytes=payload[at : at + _UUID_BYTES]))
        at += _UUID_BYTES
    rest = payload[at:]
    pending = PendingReport(
        uuid.UUID(bytes=report_id),
        sha256.decode(),
        size,
        attachment_ids,
        _datetime(received_at),
        ciphertext=rest if in_row else None,
        blob_key=None if in_row else rest.decode(),
        reporter_token_sha256=token,
        happening_now=now,
    )
    return job, pending


def answers_frame(answers: Iterable[tuple[int, Outcome]]) -> bytes:
    records = []
    for job, outcome in answers:
        if isinstance(outcome, Refusal):
            records.append(_ANSWER.pack(job, _REFUSALS[outcome], b"", 0, 0))
        elif outcome.created:
            records.append(_ANSWER.pack(job, _CREATED, b"", 0, 0))
        else:
            receipt = outcome.receipt
            at = _microseconds(receipt.received_at)
            records.append(_ANSWER.pack(job, _STORED_BEFORE, receipt.sha256.encode(), receipt.size, at))
    return frame(b"".join(records))


def answers_of(payload: bytes) -> list[tuple[int, int, bytes, int, int]]:
    """The raw answers of a frame; `outcome_of` turns one into the outcome of its report."""
    return list(_ANSWER.iter_unpack(payload))


def outcome_of(answer: tuple[int, int, bytes, int, int], pending: PendingReport) -> Outcome:
    _job, code, sha256, size, received_at = answer
    if code == _CREATED:
        return Submission(pending.receipt, created=True)
    if code == _STORED_BEFORE:
        receipt = Receipt(pending.report_id, sha256.decode(), size, _datetime(received_at))
        return Submission(receipt, created=False)
    return _REFUSAL_OF[code]


def _microseconds(moment: datetime) -> int:
    return (moment - _EPOCH) // _MICROSECOND


def _datetime(microseconds: int) -> datetime:
    return _EPOCH + microseconds * _MICROSECOND
