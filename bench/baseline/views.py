"""The bare Django write endpoint: row lock, update, two inserts — no auth, policy or audit chain.

It runs through the same middleware and database settings as the product, so the ratio of our
checkout to this endpoint is the cost of our business logic on top of Django's own floor."""
from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from bench.baseline.models import BareEvent, BareKey, BareLoan


@csrf_exempt
@require_POST
def bare_write(request, pk: int):
    with transaction.atomic():
        key = BareKey.objects.select_for_update().get(pk=pk)
        key.status = "lent" if key.status == "in_store" else "in_store"
        key.save(update_fields=["status"])
        now = timezone.now()
        BareLoan.objects.create(key=key, status=key.status, at=now)
        BareEvent.objects.create(action="bare.toggle", target_id=key.pk, at=now, data={"status": key.status})
    return JsonResponse({"id": key.pk, "status": key.status})
