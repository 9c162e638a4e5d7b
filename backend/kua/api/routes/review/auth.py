"""Invitations and sessions: `/api/v1/review/invitations/...` and `/api/v1/review/session`.

Accepting an invitation and signing in are the anonymous routes (besides reading an invitation);
both answer with the session cookie and the session's CSRF token.
"""

from fastapi import APIRouter, Response
from sqlmodel import Session

from kua.api.deps import EngineDep, NowDep, SessionDep, SettingsDep
from kua.api.errors import error_responses
from kua.api.routes.review.deps import SignedInDep, clear_session_cookie, set_session_cookie
from kua.api.routes.review.schemas import (
    AcceptRequest,
    InvitationPublic,
    ReviewerPublic,
    SignedInPublic,
    SignInRequest,
    TotpPublic,
)
from kua.review import accounts, keys

router = APIRouter(prefix="/api/v1/review", tags=["review"])

_INVITATION_ERRORS = error_responses(404, 410, descriptions={404: "Unknown link.", 410: "Used or expired."})


@router.get("/invitations/{token}", responses=_INVITATION_ERRORS)
def get_invitation(token: str, session: SessionDep, now: NowDep) -> InvitationPublic:
    """Who an invitation is for, while it can be accepted."""
    invitation = accounts.open_invitation(session, token=token, now=now)
    return InvitationPublic(
        name=invitation.name,
        role=invitation.role,
        expires_at=invitation.expires_at,
        recovers=invitation.reviewer_id is not None,
    )


@router.post("/invitations/{token}/totp", responses=_INVITATION_ERRORS)
def start_totp(token: str, session: SessionDep, now: NowDep) -> TotpPublic:
    """A new TOTP secret for the invitation (each call replaces the last)."""
    secret, uri = accounts.start_totp(session, token=token, now=now)
    return TotpPublic(secret=secret, otpauth_uri=uri)


@router.post(
    "/invitations/{token}/accept", status_code=201, responses={**_INVITATION_ERRORS, **error_responses(409, 422)}
)
def accept_invitation(
    token: str, request: AcceptRequest, response: Response, session: SessionDep, settings: SettingsDep, now: NowDep
) -> SignedInPublic:
    """Set a password and confirm the TOTP secret with a code; the invitation is used, the reviewer signed in,
    and the reviewer's one-time recovery codes given, this once."""
    reviewer, new, codes = accounts.accept(
        session, token=token, password=request.password, totp_code=request.totp_code, now=now
    )
    set_session_cookie(response, new.token, settings)
    return SignedInPublic(
        reviewer=ReviewerPublic.of(reviewer, keys.listed_recipients(session)),
        csrf_token=new.csrf_token,
        recovery_codes=codes,
    )


@router.post("/session", responses=error_responses(401, 429))
def sign_in(
    request: SignInRequest, response: Response, engine: EngineDep, settings: SettingsDep, now: NowDep
) -> SignedInPublic:
    """Sign in with name, password and a TOTP code or an unused recovery code (failures are recorded, so this
    route commits its own)."""
    reviewer, new, codes_left = accounts.sign_in(
        engine, name=request.name, password=request.password, totp_code=request.totp_code, now=now
    )
    with Session(engine) as session:
        listed = keys.listed_recipients(session)
    set_session_cookie(response, new.token, settings)
    return SignedInPublic(
        reviewer=ReviewerPublic.of(reviewer, listed), csrf_token=new.csrf_token, recovery_codes_left=codes_left
    )


@router.get("/session", responses=error_responses(401))
def get_session(signed_in: SignedInDep, session: SessionDep) -> SignedInPublic:
    """The signed-in reviewer and the session's CSRF token (after a reload of the console)."""
    return SignedInPublic(
        reviewer=ReviewerPublic.of(signed_in.reviewer, keys.listed_recipients(session)),
        csrf_token=signed_in.session.csrf_token,
    )


@router.delete("/session", status_code=204, response_class=Response, responses=error_responses(401, 403))
def sign_out(signed_in: SignedInDep, session: SessionDep, settings: SettingsDep, now: NowDep) -> Response:
    accounts.sign_out(session, signed_in=signed_in, now=now)
    response = Response(status_code=204)
    clear_session_cookie(response, settings)
    return response
