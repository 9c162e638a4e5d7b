"""A case's people map: `/cases/{id}/people-map`, the newest version, and a save based on it."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from kua.api.deps import NowDep, SessionDep
from kua.api.errors import error_responses
from kua.api.request_body import AGE_FILE, AGE_FILE_BODY, kib
from kua.api.routes.review.deps import SIGNED_IN_ERRORS, SealedPeopleMapDep, SignedInDep, signed_in
from kua.api.routes.review.schemas import PeopleMapPublic
from kua.review import people_map
from kua.review.sealed import MAX_SEALED_BYTES

router = APIRouter(
    prefix="/api/v1/review", tags=["review"], dependencies=[Depends(signed_in)], responses=SIGNED_IN_ERRORS
)


@router.get("/cases/{case_id}/people-map", responses=error_responses(404))
def get_people_map(case_id: uuid.UUID, session: SessionDep) -> PeopleMapPublic:
    """The case's newest people map (version 0 and no ciphertext when none was saved yet)."""
    return PeopleMapPublic.of(people_map.latest(session, case_id=case_id))


@router.put(
    "/cases/{case_id}/people-map",
    responses=error_responses(404, 409, 413, 415, 422),
    openapi_extra=AGE_FILE_BODY,
    description=(
        "Save the case's whole people map, sealed (an age file of at most "
        f"{kib(MAX_SEALED_BYTES)}, {AGE_FILE}), as the version after `expected_version`; "
        "409 stale_people_map when that is not the newest version."
    ),
)
def save_people_map(
    case_id: uuid.UUID,
    expected_version: Annotated[int, Query(ge=0, description="The version the map was based on (0: none yet).")],
    ciphertext: SealedPeopleMapDep,
    reviewer: SignedInDep,
    session: SessionDep,
    now: NowDep,
) -> PeopleMapPublic:
    saved = people_map.save(
        session,
        actor_id=reviewer.reviewer.id,
        case_id=case_id,
        expected_version=expected_version,
        ciphertext=ciphertext,
        now=now,
    )
    return PeopleMapPublic.of(saved)
