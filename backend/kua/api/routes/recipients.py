"""`GET /api/v1/recipients`: the newest signed recipient list, byte for byte as the coalition signed it."""

from anyio import to_thread
from fastapi import APIRouter, Response

from kua.api.deps import EngineDep
from kua.intake import recipient_lists

router = APIRouter(prefix="/api/v1", tags=["recipients"])


@router.get(
    "/recipients",
    response_class=Response,
    responses={
        200: {"content": {"application/json": {}}, "description": "The signed envelope (docs/crypto.md)."},
        404: {"description": "No list has been published yet."},
    },
)
async def get_recipient_list(engine: EngineDep) -> Response:
    published = await to_thread.run_sync(recipient_lists.newest, engine)
    return Response(
        published.document,
        media_type="application/json",
        headers={"ETag": f'"{published.sha256}"', "Kua-Recipient-List-Seq": str(published.seq)},
    )
