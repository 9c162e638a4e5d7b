"""A reviewer's console opts in to pushes: `PUT` and `DELETE /api/v1/review/push-subscription`.

Every push says only "new activity" (docs/push.md); both changes are in the audit log.
"""

from fastapi import APIRouter, Depends, Response

from kua.api.deps import NowDep, SessionDep, SettingsDep
from kua.api.errors import error_responses
from kua.api.routes.push import EndpointRequest, SubscriptionRequest
from kua.api.routes.review.deps import SIGNED_IN_ERRORS, SignedInDep, signed_in
from kua.push import subscriptions
from kua.review import audit

router = APIRouter(
    prefix="/api/v1/review", tags=["review"], dependencies=[Depends(signed_in)], responses=SIGNED_IN_ERRORS
)


@router.put("/push-subscription", status_code=204, responses=error_responses(422))
def put_push_subscription(
    request: SubscriptionRequest, reviewer: SignedInDep, session: SessionDep, settings: SettingsDep, now: NowDep
) -> Response:
    """Send this console a push (no content) when new reports arrive."""
    reviewer_id = reviewer.reviewer.id
    subscription = request.checked(settings)
    if subscriptions.subscribe_reviewer(session, reviewer_id=reviewer_id, subscription=subscription, now=now):
        audit.append(session, at=now, actor_id=reviewer_id, action="push_subscribed", subject=f"reviewer:{reviewer_id}")
    return Response(status_code=204)


@router.delete("/push-subscription", status_code=204, responses=error_responses(422))
def delete_push_subscription(
    request: EndpointRequest, reviewer: SignedInDep, session: SessionDep, now: NowDep
) -> Response:
    """Stop pushes to this console (204 whether or not it was subscribed)."""
    reviewer_id = reviewer.reviewer.id
    if subscriptions.unsubscribe_reviewer(session, reviewer_id=reviewer_id, endpoint=request.endpoint):
        audit.append(
            session, at=now, actor_id=reviewer_id, action="push_unsubscribed", subject=f"reviewer:{reviewer_id}"
        )
    return Response(status_code=204)
