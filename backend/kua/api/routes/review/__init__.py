"""The review API under `/api/v1/review/` (docs/review.md): thin routers over `kua.review`.

Every route but the anonymous ones (invitations, signing in) needs a session; state-changing
requests with a session also need its CSRF token (`deps.signed_in`).
"""

from fastapi import APIRouter

from kua.api.routes.review.audit import router as audit_router
from kua.api.routes.review.auth import router as auth_router
from kua.api.routes.review.cases import router as cases_router
from kua.api.routes.review.drafts import router as drafts_router
from kua.api.routes.review.followups import router as followups_router
from kua.api.routes.review.grants import router as grants_router
from kua.api.routes.review.me import router as me_router
from kua.api.routes.review.notes import router as notes_router
from kua.api.routes.review.people_map import router as people_map_router
from kua.api.routes.review.push import router as push_router
from kua.api.routes.review.reports import router as reports_router

ROUTERS: tuple[APIRouter, ...] = (
    auth_router,
    me_router,
    reports_router,
    notes_router,
    grants_router,
    followups_router,
    cases_router,
    people_map_router,
    drafts_router,
    audit_router,
    push_router,
)
