"""Attachments (photos) uploaded resumably with the tus 1.0.0 protocol, stored as immutable age files.

The protocol subset is core + creation, checksum, termination and expiration (docs/intake.md). The
offset a client is told is always durable: bytes are fsynced in a staging file before the offset
row advances, and a staging file longer than its offset is cut back to it before any use. An upload
completes only when the SHA-256 of the whole file matches the one declared at creation; it then
becomes a blob and never changes.

Why not `tuspyserver` (a maintained FastAPI tus router): it has no checksum extension, expires
unfinished uploads after 5 days by default (families may be offline for weeks), and gives no
guarantee that a reported offset survives `kill -9` or a power cut (no fsync before the offset
advances, no cut-back of a longer file). Those guarantees are the point of Kua's intake, so the
core is written here, small and tested against tus-js-client and tuspy.

This package knows nothing of HTTP frameworks; `kua.api.routes.uploads` adapts it.
"""
