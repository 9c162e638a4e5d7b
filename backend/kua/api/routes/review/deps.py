"""What the review routes share: the signed-in reviewer (with the CSRF check), the admin check, the
session cookie, and sealed bodies."""

from typing import Annotated

from fastapi import Depends, Request, Response

from kua.api.deps import NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.request_body import AGE_FILE, small_age_file
from kua.config import Settings
from kua.review import drafts, sealed, sessions
from kua.review.errors import ForbiddenError
from kua.review.sessions import SignedIn

COOKIE = "kua_review"
CSRF_HEADER = "X-Kua-CSRF"
STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def signed_in(request: Request, session: SessionDep, now: NowDep) -> SignedIn:
    """The reviewer of the session cookie (401 not_signed_in); for a state change, also its CSRF token (403)."""
    found = sessions.current(session, token=request.cookies.get(COOKIE), now=now)
    if request.method in STATE_CHANGING:
        sessions.check_csrf(found.session, request.headers.get(CSRF_HEADER))
    return found


SignedInDep = Annotated[SignedIn, Depends(signed_in)]
# Documented on every router that needs a session (its routes may answer these whatever they do).
SIGNED_IN_ERRORS = error_responses(
    401,
    403,
    descriptions={401: "Not signed in, or the session expired.", 403: "No or a wrong X-Kua-CSRF token."},
)


def admin(reviewer: SignedInDep) -> SignedIn:
    if reviewer.reviewer.role != "admin":
        raise ForbiddenError()
    return reviewer


AdminDep = Annotated[SignedIn, Depends(admin)]


# A note's text or a case's title: an age file sealed in the browser (kua.review.sealed).
SealedBodyDep = Annotated[
    bytes,
    Depends(small_age_file(what="A note or case title", max_bytes=sealed.MAX_SEALED_BYTES, too_large=sealed.too_large)),
]
# A case's people map: an age file sealed in the browser, checked like a note (kua.review.people_map).
SealedPeopleMapDep = Annotated[
    bytes,
    Depends(
        small_age_file(what="A people map", max_bytes=sealed.MAX_SEALED_BYTES, too_large=sealed.people_map_too_large)
    ),
]
# A saved appeal draft: an age file sealed in the browser, checked like a note but larger (kua.review.drafts).
SealedDraftDep = Annotated[
    bytes,
    Depends(small_age_file(what="An appeal draft", max_bytes=drafts.MAX_DRAFT_BYTES, too_large=drafts.too_large)),
]
# The answer of the routes that hand out an age file.
AGE_FILE_ANSWER = {200: {"content": {AGE_FILE: {}}, "description": "The age file."}, **error_responses(404)}


def set_session_cookie(response: Response, token: str, settings: Settings) -> None:
    # No Max-Age: the server decides when a session ends (idle and absolute expiry).
    response.set_cookie(COOKIE, token, path="/", httponly=True, samesite="strict", secure=settings.is_https)


def clear_session_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict", secure=settings.is_https)
