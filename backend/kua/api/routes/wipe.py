"""`POST /api/v1/wipe`: a phone that deletes everything tells the server, which forgets the phone's
push subscription and answers with `Clear-Site-Data` so that the browser drops what the app itself
could not reach. Design in docs/reporter-app.md ("Safety on the phone")."""

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from kua.api.deps import SessionDep
from kua.api.errors import error_responses
from kua.push import subscriptions
from kua.push.endpoints import MAX_ENDPOINT_LENGTH

router = APIRouter(prefix="/api/v1", tags=["wipe"])

# "cache" (the HTTP cache) and "storage" (IndexedDB, Cache Storage, service workers, Web Storage) of
# this origin. Not "cookies": the reporter app has none, and the console's sign-in on a shared
# browser is the reviewer's to end. Not "executionContexts": the page itself shows the first-run screen.
CLEAR_SITE_DATA = '"cache", "storage"'


class WipeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    push_endpoint: str | None = Field(
        default=None,
        max_length=MAX_ENDPOINT_LENGTH,
        description="The phone's push subscription endpoint, if it had one: the server forgets it.",
    )


@router.post("/wipe", status_code=204, responses=error_responses(422))
def wipe(request: WipeRequest, session: SessionDep) -> Response:
    """Forget this phone's push subscription (as `.../push-subscription/delete` does) and clear the site's data.

    204 whether or not the endpoint was known: the answer tells nothing about other phones.
    """
    if request.push_endpoint is not None:
        subscriptions.unsubscribe_reporter(session, endpoint=request.push_endpoint)
    return Response(status_code=204, headers={"Clear-Site-Data": CLEAR_SITE_DATA})
