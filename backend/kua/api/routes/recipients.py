"""`GET /api/v1/recipients`: the newest signed recipient list, byte for byte as the coalition signed it.

Phones keep the list they verified and ask again in the background with `If-None-Match`: an unchanged
list costs a 304 with no body (a round trip and a few hundred bytes on 2G, no verification on the phone).
"""

from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Header, Response

from kua.api.deps import EngineDep
from kua.intake import recipient_lists

router = APIRouter(prefix="/api/v1", tags=["recipients"])


@router.get(
    "/recipients",
    response_class=Response,
    responses={
        200: {"content": {"application/json": {}}, "description": "The signed envelope (docs/crypto.md)."},
        304: {"description": "The list named by If-None-Match is still the newest."},
        404: {"description": "No list has been published yet."},
    },
)
async def get_recipient_list(engine: EngineDep, if_none_match: Annotated[str | None, Header()] = None) -> Response:
    published = await to_thread.run_sync(recipient_lists.newest, engine)
    etag = recipient_lists.etag_of(published)
    headers = {"ETag": etag, "Kua-Recipient-List-Seq": str(published.seq)}
    if recipient_lists.etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(published.document, media_type="application/json", headers=headers)
