"""An upload over the limit is refused before it is read; an empty or damaged file is refused; nothing is stored
(CORE-9; issue 14, finding 5)."""
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core import attachments
from core.models import Attachment, AuditEvent
from core.uploads import FORM_ALLOWANCE

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, key, data: bytes):
    return client.post(f"/attachments/keys.keyset/{key.pk}/",
                       {"file": SimpleUploadedFile("a.png", data, content_type="image/png"), "kind": "photo"})


def _counts():
    return Attachment.objects.count(), AuditEvent.objects.count()


@pytest.mark.req("CORE-9")
@pytest.mark.parametrize("size", [FORM_ALLOWANCE + 5_000, 2_000], ids=["declared-too-big", "streamed-past-limit"])
def test_an_upload_over_the_limit_is_refused_as_file_too_large_and_nothing_is_stored(
        client, users, public_key, settings, tmp_path, size):
    settings.ATTACHMENT_MAX_BYTES = 1_000
    client.force_login(users["kefu1"])
    before = _counts()
    response = _upload(client, public_key, PNG + b"0" * size)
    assert response.status_code == 400 and response.json()["code"] == "file_too_large"
    assert _counts() == before and not any(tmp_path.rglob("*.bin"))


@pytest.mark.req("CORE-9")
def test_an_empty_file_is_refused_as_empty_file_and_nothing_is_stored(client, users, public_key):
    client.force_login(users["kefu1"])
    before = _counts()
    response = _upload(client, public_key, b"")
    assert response.status_code == 400 and response.json()["code"] == "empty_file"
    assert _counts() == before
    with pytest.raises(attachments.DomainError) as exc:
        attachments.attach(target=public_key, project=public_key.project, uploaded_by=users["kefu1"], name="a.png",
                           data=b"")
    assert exc.value.code == "empty_file" and _counts() == before


@pytest.mark.req("CORE-9")
def test_a_damaged_stored_file_is_refused_as_attachment_corrupt_and_nothing_changes(client, users, public_key):
    att = attachments.attach(target=public_key, project=public_key.project, uploaded_by=users["kefu1"],
                             name="a.png", data=PNG)
    with open(att.file.path, "wb") as fh:
        fh.write(PNG[:-1] + b"1")
    before = _counts()
    client.force_login(users["kefu1"])
    response = client.get(f"/attachments/file/{att.pk}/")
    assert response.status_code == 400 and response.json()["code"] == "attachment_corrupt"
    assert _counts() == before


@pytest.mark.req("CORE-9")
def test_a_file_within_the_limit_above_the_memory_threshold_is_stored_whole(client, users, public_key, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1_000  # streamed to a temporary file, then stored
    client.force_login(users["kefu1"])
    data = PNG + b"1" * 50_000
    response = _upload(client, public_key, data)
    assert response.status_code == 201
    assert attachments.read(attachment=Attachment.objects.get(pk=response.json()["id"]), user=users["kefu1"]) == data
