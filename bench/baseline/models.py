"""Tables for Django's own floor: a key row to lock and update, a loan row and an event row to insert."""
from django.db import models


class BareKey(models.Model):
    status = models.CharField(max_length=20, default="in_store")


class BareLoan(models.Model):
    key = models.ForeignKey(BareKey, on_delete=models.CASCADE)
    status = models.CharField(max_length=20)
    at = models.DateTimeField()


class BareEvent(models.Model):
    action = models.CharField(max_length=80)
    target_id = models.BigIntegerField()
    at = models.DateTimeField()
    data = models.JSONField(default=dict)
