"""Raw HTTP/1.1 over a socket, for requests no HTTP client would send (or would fix before sending)."""

import socket
import time


def exchange_at(port: int, request: bytes, *, wait: float) -> bytes:
    """Send raw bytes, read until the server closes or `wait` seconds pass; b"" if it closed without a word."""
    answer = b""
    with socket.create_connection(("127.0.0.1", port)) as connection:
        connection.settimeout(wait)
        try:
            connection.sendall(request)
        except (BrokenPipeError, ConnectionResetError):
            return answer
        try:
            while chunk := connection.recv(65536):
                answer += chunk
                if b"\r\n\r\n" in answer and _complete(answer):
                    break
        except (TimeoutError, ConnectionResetError):
            pass
    return answer


def head_of(answer: bytes) -> dict[str, str]:
    """The header fields of a raw answer, names in lowercase."""
    lines = answer.partition(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")[1:]
    return {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}


def _complete(answer: bytes) -> bool:
    head, _, body = answer.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            return len(body) >= int(line.split(b":")[1])
    return False


def trickle_at(port: int, head: bytes, *, every: float, wait: float, source: str = "127.0.0.1") -> tuple[bytes, float]:
    """Send a request's head, then one byte of body every `every` seconds until the server answers (or closes,
    or `wait` seconds pass): the slow-body attack. The answer, and the seconds it took from the head."""
    answer = b""
    with socket.create_connection(("127.0.0.1", port), source_address=(source, 0)) as connection:
        connection.sendall(head)
        started = time.monotonic()
        connection.settimeout(every)
        while time.monotonic() - started < wait:
            try:
                chunk = connection.recv(65536)
                if not chunk:
                    break
                answer += chunk
                if b"\r\n\r\n" in answer and _complete(answer):
                    break
            except TimeoutError:
                try:
                    connection.sendall(b"x")
                except (BrokenPipeError, ConnectionResetError):
                    break
            except ConnectionResetError:
                break
        return answer, time.monotonic() - started
