"""The session's SeaweedFS, for backups of a server that keeps its objects in a bucket."""

from tests.storage.conftest import seaweedfs  # noqa: F401 (a fixture, found by name)
