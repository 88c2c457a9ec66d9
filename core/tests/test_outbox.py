"""The notification outbox: relayed once, never lost when the channel fails, claimable by several relays."""
import json

import pytest
from django.core import mail

from core import notifications, outbox
from core.models import Notification


def _queue(project, people, n=3):
    for i in range(n):
        for person in people:
            notifications.notify(project=project, recipient=person, kind="test.outbox", title=f"提醒 {i}",
                                 dedupe_key=f"test.outbox:{i}:{person.pk}", link="/keys/")


@pytest.mark.django_db
def test_every_queued_notification_is_relayed_once(project, users):
    _queue(project, [users["kefu1"], users["kfzg"]])
    assert outbox.pending_count() == 6
    assert outbox.relay(batch_size=4) == 6
    assert outbox.pending_count() == 0
    assert outbox.relay() == 0
    assert not Notification.objects.filter(delivered_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_failing_channel_loses_nothing(project, users):
    _queue(project, [users["kefu1"]])

    def broken(batch):
        raise ConnectionError("gateway down")

    with pytest.raises(ConnectionError):
        outbox.relay(send=broken)
    assert outbox.pending_count() == 3
    assert outbox.relay() == 3


@pytest.mark.django_db
def test_the_file_channel_writes_one_line_per_notification_with_its_dedupe_key(project, users, settings, tmp_path):
    settings.PROPDESK_NOTIFICATION_CHANNEL = "file"
    settings.PROPDESK_OUTBOX_FILE = str(tmp_path / "outbox.jsonl")
    _queue(project, [users["kefu1"]], n=4)
    outbox.relay(batch_size=3)
    lines = (tmp_path / "outbox.jsonl").read_text(encoding="utf-8").splitlines()
    keys = outbox.delivered_keys(lines)
    assert sorted(keys) == sorted(Notification.objects.values_list("dedupe_key", flat=True))
    assert json.loads(lines[0])["title"] == "提醒 0"


@pytest.mark.django_db
def test_the_email_channel_mails_recipients_with_an_address_and_names_the_message_by_its_key(
        project, users, settings):
    settings.PROPDESK_NOTIFICATION_CHANNEL = "email"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    users["kefu1"].email = "kefu1@example.invalid"
    users["kefu1"].save(update_fields=["email"])
    users["kfzg"].email = ""
    users["kfzg"].save(update_fields=["email"])
    _queue(project, [users["kefu1"], users["kfzg"]], n=1)
    assert outbox.relay() == 2
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["kefu1@example.invalid"]
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<test.outbox:0:{users['kefu1'].pk}@propdesk>"


@pytest.mark.django_db
def test_an_unknown_channel_is_refused_by_name(settings):
    settings.PROPDESK_NOTIFICATION_CHANNEL = "pigeon"
    with pytest.raises(ValueError, match="pigeon"):
        outbox.channel()


@pytest.mark.django_db
def test_the_celery_task_relays_the_outbox(project, users):
    from core.tasks import relay_outbox

    _queue(project, [users["kefu1"]], n=2)
    assert relay_outbox.apply().get() == 2
    assert outbox.pending_count() == 0


@pytest.mark.django_db
@pytest.mark.req("CORE-5")
def test_a_batch_written_before_a_relay_died_is_not_written_again(project, users, settings, tmp_path):
    """The relay wrote a batch to the file and was killed before its commit: the rows are still pending,
    and the next relay leaves out what the file already holds (each notification in the file once)."""
    settings.PROPDESK_NOTIFICATION_CHANNEL = "file"
    settings.PROPDESK_OUTBOX_FILE = str(tmp_path / "outbox.jsonl")
    _queue(project, [users["kefu1"], users["kfzg"]], n=3)
    first = list(Notification.objects.order_by("pk")[:4])
    outbox.channel()(first)  # written, never stamped: the relay died here
    assert outbox.pending_count() == 6
    assert outbox.relay(batch_size=4) == 6
    keys = outbox.delivered_keys((tmp_path / "outbox.jsonl").read_text(encoding="utf-8").splitlines())
    assert sorted(keys) == sorted(Notification.objects.values_list("dedupe_key", flat=True))
    assert outbox.pending_count() == 0


@pytest.mark.django_db
@pytest.mark.req("CORE-5")
def test_a_line_cut_short_by_a_kill_does_not_swallow_the_next_one(project, users, settings, tmp_path):
    settings.PROPDESK_NOTIFICATION_CHANNEL = "file"
    path = tmp_path / "outbox.jsonl"
    settings.PROPDESK_OUTBOX_FILE = str(path)
    path.write_text('{"id": 1, "dedupe_key": "earlier:1"}\n{"id": 2, "dedupe_ke', encoding="utf-8")
    _queue(project, [users["kefu1"]], n=2)
    assert outbox.relay() == 2
    keys = outbox.delivered_keys(path.read_text(encoding="utf-8").splitlines())
    assert keys == ["earlier:1", "test.outbox:0:%d" % users["kefu1"].pk, "test.outbox:1:%d" % users["kefu1"].pk]
