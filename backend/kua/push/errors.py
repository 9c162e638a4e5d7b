"""Refusals of the push API, each with its status, stable code and one sentence."""

from kua.errors import KuaError


class InvalidPushSubscriptionError(KuaError):
    status_code = 422
    code = "invalid_push_subscription"
    message = "The push subscription is not valid."


class ReportsNotProvenError(KuaError):
    status_code = 403
    code = "reports_not_proven"
    message = "No report in the request is proven by its reporter token."


class EndpointInUseError(KuaError):
    status_code = 409
    code = "push_endpoint_in_use"
    message = "This push endpoint is registered already with other keys."
