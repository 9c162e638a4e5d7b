"""One SeaweedFS for the session, and a blob store of each kind (a folder, a fresh bucket) per test."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from kua.storage.blobs import BlobStore
from kua.storage.local import LocalBlobStore
from tests.storage.seaweedfs import SeaweedFS


@pytest.fixture(scope="session")
def seaweedfs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeaweedFS]:
    """`weed mini` on free loopback ports with random keys, stopped by its process id at the end."""
    with SeaweedFS(tmp_path_factory.mktemp("seaweedfs")) as server:
        yield server


@pytest.fixture(params=["local", pytest.param("s3", marks=pytest.mark.s3)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> BlobStore:
    """The local store in a fresh folder, or the S3 store on a fresh bucket: the contract is the same."""
    if request.param == "local":
        return LocalBlobStore(tmp_path / "blobs")
    seaweedfs: SeaweedFS = request.getfixturevalue("seaweedfs")
    return seaweedfs.store(seaweedfs.new_bucket())
