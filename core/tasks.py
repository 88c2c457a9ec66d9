"""Background work for deployments on several machines (Celery with Redis; see config/celery.py).

The embedded default needs none of this: cron runs `manage.py run_sweeps` and `manage.py relay_outbox`."""
from celery import shared_task

from core import jobs, outbox, sweeps


@shared_task(name="propdesk.relay_outbox", acks_late=True)
def relay_outbox() -> int:
    relayed = outbox.relay()
    from core import channels

    channels.deliver_due()
    return relayed


@shared_task(name="propdesk.run_sweeps", acks_late=True)
def run_sweeps() -> dict:
    return sweeps.run_all()


@shared_task(name="propdesk.run_job", acks_late=True)
def run_job(pk: int) -> None:
    """An import or export submitted through core.jobs (a job already claimed is left alone)."""
    jobs.run(pk)
