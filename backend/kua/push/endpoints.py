"""Which push subscriptions the server accepts: the server POSTs to their endpoints, so an endpoint
must not point it at itself or at anything on its own network (server-side request forgery).

An endpoint is an https URL on port 443 whose host is a DNS name (never an IP literal, `localhost`
or a private-use name) under one of the configured push services (`KUA_PUSH_SERVICE_HOSTS`). Before
each request the sender checks again that the name resolves to public addresses only
(`resolves_publicly`), and it follows no redirect. Development and tests may also allow
http://127.0.0.1 endpoints (`KUA_PUSH_ALLOW_LOOPBACK`), for a local push-service stub.

An endpoint is stored and looked up in one form (`normalized`): scheme and host in lower case, the
host without a trailing dot, no default port. `HTTPS://FCM.googleapis.com.:443/fcm/send/x` names
the same push channel as `https://fcm.googleapis.com/fcm/send/x`, so it is one subscription, not
three (issue 16). The path and query are left as they are: push services' tokens are case-sensitive.
"""

import base64
import binascii
import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from cryptography.hazmat.primitives.asymmetric import ec

from kua.push.errors import InvalidPushSubscriptionError

MAX_ENDPOINT_LENGTH = 1024
LOOPBACK_HOST = "127.0.0.1"
DEFAULT_PORTS = {"https": 443, "http": 80}
_DNS_NAME = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$")
_PRIVATE_NAMES = ("localhost", "local", "localdomain", "internal", "lan", "home.arpa", "intranet", "corp", "onion")
_UNSAFE_CHARACTERS = re.compile(r"[\x00-\x20\x7f\\]")
_BASE64URL = re.compile(r"^[A-Za-z0-9_-]{1,200}$")


@dataclass(frozen=True)
class EndpointPolicy:
    """Where pushes may go: under these push services' domains (any public name when empty)."""

    service_hosts: tuple[str, ...]
    allow_loopback: bool = False

    def allows_loopback(self, endpoint: str) -> bool:
        parts = urlsplit(endpoint)
        return self.allow_loopback and parts.scheme == "http" and parts.hostname == LOOPBACK_HOST


@dataclass(frozen=True)
class Subscription:
    """A browser's PushSubscription: its endpoint and the keys a push is encrypted to (base64url)."""

    endpoint: str
    p256dh: str
    auth: str


def checked(endpoint: str, p256dh: str, auth: str, policy: EndpointPolicy) -> Subscription:
    """The subscription with its keys in canonical form; InvalidPushSubscriptionError otherwise."""
    check_endpoint(endpoint, policy)
    public_point = _base64url(p256dh, "keys.p256dh")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), public_point)
    except ValueError:
        raise InvalidPushSubscriptionError("keys.p256dh is not a P-256 public key.") from None
    secret = _base64url(auth, "keys.auth")
    if len(secret) != 16:
        raise InvalidPushSubscriptionError("keys.auth must be 16 bytes (base64url).")
    return Subscription(normalized(endpoint), _text(public_point), _text(secret))


def normalized(endpoint: str) -> str:
    """The one form an endpoint is stored in (see the module docstring); unchanged if it is no URL."""
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        return endpoint
    host = (parts.hostname or "").rstrip(".")
    if not host or parts.username is not None or parts.password is not None:
        return endpoint
    scheme = parts.scheme.lower()
    if ":" in host:
        host = f"[{host}]"
    netloc = host if port is None or port == DEFAULT_PORTS.get(scheme) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


def check_endpoint(endpoint: str, policy: EndpointPolicy) -> None:
    """Refuse an endpoint the server must not POST to (see the module docstring)."""
    if len(endpoint) > MAX_ENDPOINT_LENGTH:
        raise InvalidPushSubscriptionError(f"The endpoint is longer than {MAX_ENDPOINT_LENGTH} characters.")
    if _UNSAFE_CHARACTERS.search(endpoint):
        raise InvalidPushSubscriptionError("The endpoint contains spaces, control characters or backslashes.")
    if policy.allows_loopback(endpoint):
        return
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        raise InvalidPushSubscriptionError("The endpoint is not a URL.") from None
    if parts.scheme != "https":
        raise InvalidPushSubscriptionError("The endpoint must be an https:// URL.")
    if parts.username is not None or parts.password is not None or parts.fragment:
        raise InvalidPushSubscriptionError("The endpoint must not hold a user name, password or fragment.")
    if port not in (None, 443):
        raise InvalidPushSubscriptionError("The endpoint must use the https port, 443.")
    host = (parts.hostname or "").rstrip(".")
    if _is_ip_literal(host) or not _DNS_NAME.match(host):
        raise InvalidPushSubscriptionError("The endpoint's host must be a DNS name, not an address.")
    if any(host == name or host.endswith("." + name) for name in _PRIVATE_NAMES):
        raise InvalidPushSubscriptionError("The endpoint's host is a local or private name.")
    if policy.service_hosts and not any(host == s or host.endswith("." + s) for s in policy.service_hosts):
        raise InvalidPushSubscriptionError("The endpoint is not at a push service this server sends to.")


def resolves_publicly(endpoint: str) -> bool:
    """Whether every address the endpoint's host resolves to is a public one (checked before each POST)."""
    host = urlsplit(endpoint).hostname or ""
    try:
        answers = socket.getaddrinfo(host, 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {ipaddress.ip_address(str(answer[4][0]).split("%")[0]) for answer in answers}
    return bool(addresses) and all(address.is_global for address in addresses)


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _base64url(text: str, field: str) -> bytes:
    bare = text.rstrip("=")
    if not _BASE64URL.match(bare):
        raise InvalidPushSubscriptionError(f"{field} is not base64url.")
    try:
        return base64.urlsafe_b64decode(bare + "=" * (-len(bare) % 4))
    except (binascii.Error, ValueError):
        raise InvalidPushSubscriptionError(f"{field} is not base64url.") from None


def _text(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
