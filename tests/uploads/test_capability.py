"""An upload's address is its capability (issue 16, finding 6): a stranger who learned an upload's id can
neither read its state, nor delete it, nor write into it; a PATCH whose Upload-Checksum does not match
discards only its own bytes; and the same upload created again moves it to a new address."""

import re

import httpx

from tests.support.server import RunningServer
from tests.uploads.phone import (
    ENDPOINT,
    PATCH_TYPE,
    TUS,
    assert_tus_refused,
    blob,
    checksum,
    create,
    head,
    offset_of,
    patch,
    seal_photo,
    staged,
)


def test_a_stranger_with_the_upload_id_can_neither_read_nor_delete_nor_write(uploads_server: RunningServer) -> None:
    # Given a phone's upload with 1000 bytes received
    photo = seal_photo(5000)
    created = create(uploads_server, photo)
    location = created.headers["Location"]
    assert re.fullmatch(rf"{ENDPOINT}{photo.upload_id}\.[A-Za-z0-9_-]{{43}}", location), location
    assert patch(uploads_server, photo, 0, photo.ciphertext[:1000]).status_code == 204
    # When a stranger who learned the id tries its address without the secret, or with another one
    unknown = seal_photo(10).bare_path
    patch_headers = {**TUS, "Upload-Offset": "1000", "Content-Type": PATCH_TYPE}
    attempts = [("HEAD", TUS, None), ("PATCH", patch_headers, b"garbage" * 1000), ("DELETE", TUS, None)]
    for address in (photo.bare_path, f"{photo.bare_path}.{'A' * 43}", f"{photo.bare_path}."):
        for method, headers, body in attempts:
            answer = httpx.request(method, uploads_server.url(address), headers=headers, content=body)
            # Then each answer is exactly the one for an upload that does not exist, and tells nothing
            assert_tus_refused(answer, 404, "upload_not_found")
            nothing = httpx.request(method, uploads_server.url(unknown), headers=headers, content=body)
            assert answer.content == nothing.content and "Upload-Offset" not in answer.headers
    # And the phone's upload is untouched: same offset, same bytes, and it completes
    assert offset_of(uploads_server, photo) == 1000
    assert staged(uploads_server, photo).read_bytes() == photo.ciphertext[:1000]
    assert patch(uploads_server, photo, 1000, photo.ciphertext[1000:]).status_code == 204
    assert blob(uploads_server, photo).read_bytes() == photo.ciphertext


def test_a_patch_with_a_wrong_checksum_discards_only_its_own_bytes(uploads_server: RunningServer) -> None:
    # Given an upload at offset 2000
    photo = seal_photo(8000)
    create(uploads_server, photo)
    assert patch(uploads_server, photo, 0, photo.ciphertext[:2000]).status_code == 204
    # When garbage arrives with an Upload-Checksum it does not match
    garbage = b"\x00" * 3000
    refused = patch(uploads_server, photo, 2000, garbage, **{"Upload-Checksum": checksum(b"other bytes")})
    assert_tus_refused(refused, 460, "checksum_mismatch")
    # Then the offset stays where it was, with the honest bytes, and the phone goes on from there
    assert offset_of(uploads_server, photo) == 2000
    assert staged(uploads_server, photo).read_bytes() == photo.ciphertext[:2000]
    assert patch(uploads_server, photo, 2000, photo.ciphertext[2000:]).status_code == 204
    assert blob(uploads_server, photo).read_bytes() == photo.ciphertext


def test_creating_the_same_upload_again_moves_it_to_a_new_address(uploads_server: RunningServer) -> None:
    # Given a phone that sent 1000 bytes, then lost the address it had (a lost creation answer)
    photo = seal_photo(5000)
    first = create(uploads_server, photo).headers["Location"]
    assert patch(uploads_server, photo, 0, photo.ciphertext[:1000]).status_code == 204
    # When it creates the same upload again, Then it gets a new address that resumes from 1000 bytes
    second = create(uploads_server, photo)
    assert second.status_code == 201 and second.headers["Location"] != first
    assert offset_of(uploads_server, photo) == 1000
    # And the old address no longer opens it
    assert_tus_refused(httpx.head(uploads_server.url(first), headers=TUS), 404, "upload_not_found")
    assert head(uploads_server, photo).status_code == 200
