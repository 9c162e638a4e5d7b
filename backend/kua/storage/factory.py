"""The one place that builds the blob store the settings name: `kua serve`, the migrations and the clean-ups use it."""

from pydantic import SecretStr

from kua.config import Settings
from kua.storage.blobs import BlobStore
from kua.storage.local import LocalBlobStore


def blob_store(settings: Settings) -> BlobStore:
    """The local folder `data_dir/blobs` (KUA_BLOB_STORE=local), or the S3 bucket KUA_S3_BUCKET (s3)."""
    if settings.blob_store == "local":
        return LocalBlobStore(settings.blobs_dir)
    from kua.storage import s3  # boto3 is imported only by servers that use it

    return s3.connect(
        bucket=settings.s3_bucket,
        endpoint_url=settings.s3_endpoint_url or None,
        region=settings.s3_region,
        access_key_id=_revealed(settings.s3_access_key_id),
        secret_access_key=_revealed(settings.s3_secret_access_key),
    )


def _revealed(secret: SecretStr | None) -> str | None:
    return secret.get_secret_value() if secret is not None else None
