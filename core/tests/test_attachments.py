import pytest
from django.test import override_settings

from core import attachments
from core.audit import history
from core.errors import DomainError, NotAllowed

PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 100


@pytest.fixture(autouse=True)
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.req("CORE-9")
def test_photos_and_scans_attach_to_any_record(project, users, public_key):
    att = attachments.attach(target=public_key, project=project, uploaded_by=users["kefu1"], name="门.png", data=PNG)
    assert list(attachments.attachments_of(public_key)) == [att]
    assert attachments.read(attachment=att, user=users["kefu2"]) == PNG
    assert history(public_key).filter(action="core.attachment.added").exists()


@pytest.mark.req("CORE-9")
def test_bad_files_are_refused(project, users, public_key):
    with pytest.raises(DomainError) as err:
        attachments.attach(target=public_key, project=project, uploaded_by=users["kefu1"], name="x.exe",
                           data=b"MZ\x90\x00")
    assert err.value.code == "invalid_file_type"
    with override_settings(ATTACHMENT_MAX_BYTES=10):
        with pytest.raises(DomainError):
            attachments.attach(target=public_key, project=project, uploaded_by=users["kefu1"], name="a.png",
                               data=PNG)


@pytest.mark.req("CORE-9", "CORE-3")
def test_id_copies_are_encrypted_at_rest_and_opened_only_by_roles_that_need_them(project, users, public_key):
    att = attachments.attach(target=public_key, project=project, uploaded_by=users["kefu1"], name="id.png",
                             data=PNG, kind="id_copy")
    with att.file.open("rb") as fh:
        assert PNG not in fh.read()
    with pytest.raises(NotAllowed):
        attachments.read(attachment=att, user=users["kefu1"])
    assert attachments.read(attachment=att, user=users["kfzg"]) == PNG
    assert history(att).filter(action="core.attachment.opened").count() == 1


@pytest.mark.req("CORE-9")
def test_attachments_upload_and_download_over_http(client, project, users, public_key):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users["kefu1"])
    response = client.post(f"/attachments/keys.keyset/{public_key.pk}/",
                           {"file": SimpleUploadedFile("a.png", PNG, content_type="image/png"), "kind": "photo"})
    assert response.status_code == 201
    got = client.get(f"/attachments/file/{response.json()['id']}/")
    assert got.status_code == 200 and got.content == PNG
    client.force_login(users["bj_kefu1"])
    assert client.get(f"/attachments/file/{response.json()['id']}/").status_code == 404


@pytest.mark.req("CORE-9")
def test_a_file_lost_from_the_media_folder_is_a_clear_refusal_not_a_server_error(client, project, users, public_key):
    att = attachments.attach(target=public_key, project=project, uploaded_by=users["kefu1"], name="门.png", data=PNG)
    att.file.storage.delete(att.file.name)
    events = history(att).count()
    with pytest.raises(DomainError) as err:
        attachments.read(attachment=att, user=users["kefu2"])
    assert err.value.code == "attachment_missing" and history(att).count() == events
    client.force_login(users["kefu2"])
    answer = client.get(f"/attachments/file/{att.pk}/")
    assert answer.status_code == 410 and answer.json()["code"] == "attachment_missing"
