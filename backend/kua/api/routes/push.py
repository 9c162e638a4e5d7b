"""Web Push for phones and anyone: `GET /api/v1/push/key`, and a phone's opt-in to pushes about its
reports, `POST /api/v1/reports/push-subscription` (and `.../delete`). Design in docs/push.md."""

import uuid

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from kua.api.deps import NowDep, ServicesDep, SessionDep, SettingsDep
from kua.api.errors import error_responses
from kua.errors import NotReadyError
from kua.intake.reporter_tokens import TOKEN
from kua.push import subscriptions
from kua.push.endpoints import MAX_ENDPOINT_LENGTH, Subscription, checked
from kua.push.sender import endpoint_policy

router = APIRouter(prefix="/api/v1", tags=["push"])


class VapidKeyPublic(BaseModel):
    vapid_public_key: str = Field(description="The applicationServerKey: a P-256 point, base64url.")


class SubscriptionKeysRequest(BaseModel):
    p256dh: str = Field(max_length=200)
    auth: str = Field(max_length=100)


class SubscriptionRequest(BaseModel):
    """A browser's `PushSubscription.toJSON()` (its expirationTime is ignored)."""

    endpoint: str = Field(max_length=MAX_ENDPOINT_LENGTH)
    keys: SubscriptionKeysRequest

    def checked(self, settings: SettingsDep) -> Subscription:
        return checked(self.endpoint, self.keys.p256dh, self.keys.auth, endpoint_policy(settings))


class ReportClaimRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    report_id: uuid.UUID
    reporter_token: str = Field(pattern=TOKEN.pattern)


class ReporterSubscriptionRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subscription: SubscriptionRequest
    reports: list[ReportClaimRequest] = Field(min_length=1, max_length=subscriptions.MAX_REPORTS)


class EndpointRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    endpoint: str = Field(max_length=MAX_ENDPOINT_LENGTH)


@router.get("/push/key", responses=error_responses(503))
async def get_push_key(services: ServicesDep) -> VapidKeyPublic:
    """The server's VAPID public key, for `pushManager.subscribe({applicationServerKey})`."""
    key = services.push_key
    if key is None:
        raise NotReadyError("Push is not available: the server has no VAPID key.")
    return VapidKeyPublic(vapid_public_key=key.public_key)


@router.post("/reports/push-subscription", status_code=204, responses=error_responses(403, 409, 422))
def subscribe_for_reports(
    request: ReporterSubscriptionRequest, session: SessionDep, settings: SettingsDep, now: NowDep
) -> Response:
    """Push (content-free) to this phone when one of these reports' coarse status changes.

    The subscription follows exactly the reports whose reporter token is right; the others are left
    out without saying which. None right: 403 and nothing stored.
    """
    claims = [(claim.report_id, claim.reporter_token) for claim in request.reports]
    subscriptions.subscribe_reporter(
        session, subscription=request.subscription.checked(settings), claims=claims, now=now
    )
    return Response(status_code=204)


@router.post("/reports/push-subscription/delete", status_code=204, responses=error_responses(422))
def unsubscribe_from_reports(request: EndpointRequest, session: SessionDep) -> Response:
    """Stop pushes to this phone (204 whether or not the endpoint was known)."""
    subscriptions.unsubscribe_reporter(session, endpoint=request.endpoint)
    return Response(status_code=204)
