"""Clients that speak from other loopback addresses (127.0.0.2, 127.0.0.3...): other networks, so other
client pseudonyms, as far as the server can tell. Linux routes all of 127.0.0.0/8 to loopback."""

import httpx


def client_from(address: str, base_url: str, *, timeout: float = 30) -> httpx.Client:
    """An HTTP client whose connections leave from `address` (one network, one pseudonym)."""
    return httpx.Client(base_url=base_url, transport=httpx.HTTPTransport(local_address=address), timeout=timeout)
