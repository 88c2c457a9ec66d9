"""Records retention (CORE-7): a record under retention cannot be deleted, by the ORM or in bulk."""
from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import clock
from core.errors import Conflict


class UnderRetention(Conflict):
    code = "under_retention"


def retain_until(years: int, start: dt.date | None = None) -> dt.date:
    start = start or clock.today()
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return start.replace(year=start.year + years, day=28)


class RetainedQuerySet(models.QuerySet):
    def delete(self):
        if self.filter(retain_until__gte=clock.today()).exists():
            raise UnderRetention(_("Records under retention cannot be deleted."), rule="CORE-7")
        return super().delete()


class Retained(models.Model):
    retain_until = models.DateField(gettext_lazy("retain until"), db_index=True)

    objects = RetainedQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        if self.retain_until and self.retain_until >= clock.today():
            raise UnderRetention(
                _("This record is kept until %(date)s and cannot be deleted.") % {"date": self.retain_until},
                rule="CORE-7",
            )
        return super().delete(*args, **kwargs)
