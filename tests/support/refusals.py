"""What every refusal of the API looks like (kua.api.errors), checked in one place."""

import re

import httpx

# A full stop (or ! or ?) followed by a new sentence; "age1pq1... or age1..." is still one sentence.
SENTENCE_BREAK = re.compile(r"[.!?]\s+[A-ZА-ЯЁ]|\n")


def assert_refused(response: httpx.Response, status_code: int, *codes: str) -> None:
    """`response` refuses with `status_code` and one of the stable `codes`, in the house error shape
    `{"error": {"code": ..., "message": ...}}` with a one-sentence message, and is never cached.

    A HEAD answer has no body: its status says it all.
    """
    assert codes, "name the stable error code(s) the refusal may carry"
    assert response.status_code == status_code, response.text
    assert response.headers["cache-control"] == "no-store", response.headers
    if response.request.method == "HEAD":
        return
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}, body
    error = body["error"]
    assert error["code"] in codes, error
    message = error["message"]
    assert message.endswith(".") and not SENTENCE_BREAK.search(message), f"not one sentence: {message!r}"
