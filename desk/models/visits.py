"""Return visits (回访, 003 篇10): every closed matter is a `Closure`; those sampled at the kind's rate get
a numbered `ReturnVisit` (《回访记录表》) with its window, visitors, five evaluations, the resident's
confirmation and the supervisor's review; quarters are filed and analysed (VISIT-1..7)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.errors import Conflict
from core.flow import Flow
from core.labels import ref_words
from core.models import Project, Unit
from core.retention import Retained, RetainedQuerySet
from desk.kinds import MatterKind

__all__ = ["Closure", "ReturnVisit", "Satisfaction", "VISIT_FLOW", "VisitAnalysis", "VisitFiling", "VisitMethod",
           "VisitStage", "VisitStatus"]

USER = settings.AUTH_USER_MODEL


class VisitStage(models.TextChoices):
    SINGLE = "single", _("After completion")
    MIDTERM = "midterm", _("Mid-term of the service")
    AFTER_END = "after_end", _("After the end of the service")


class VisitStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    DONE = "done", _("Visited, awaiting review")
    REVIEWED = "reviewed", _("Reviewed")


class VisitMethod(models.TextChoices):
    PHONE = "phone", _("By phone")
    IN_PERSON = "in_person", _("In person, on site")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    FAIRLY = "fairly", _("Fairly satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


# planned → done (visited, resident confirmed) → reviewed (supervisor's opinion); nothing goes back.
VISIT_FLOW = Flow("desk-visit", {
    VisitStatus.PLANNED: {VisitStatus.DONE},
    VisitStatus.DONE: {VisitStatus.REVIEWED},
})


class NeverDeletedQuerySet(RetainedQuerySet):
    def delete(self):
        raise Conflict(gettext("Return-visit records are never deleted."), code="never_deleted", rule="VISIT-7",
                       clause="003 篇10 §4.7 回访记录表每页应有编码,不允许撕毁")


class Closure(models.Model):
    """A closed matter of any kind, sampled or not: the denominator of the visit rate (VISIT-2)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=MatterKind.choices)
    source_ref = models.CharField(_("source"), max_length=80, blank=True)
    source_number = models.CharField(_("matter number"), max_length=40, blank=True)
    closed_at = models.DateTimeField(_("closed at"))
    registered_at = models.DateTimeField()
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    person = models.CharField(_("resident"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=20, blank=True)
    major = models.BooleanField(_("major"), default=False)
    term_start = models.DateField(_("term starts"), null=True, blank=True)
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    selected = models.BooleanField(_("selected for a visit"), default=False)
    # "rate": chosen because the running rate would otherwise fall below the target; "draw": random draw.
    selection = models.CharField(max_length=10, blank=True)

    class Meta:
        verbose_name = _("closed matter")
        verbose_name_plural = _("closed matters")
        indexes = [models.Index(fields=["project", "kind", "closed_at"])]
        constraints = [models.UniqueConstraint(fields=["project", "source_ref"], condition=~models.Q(source_ref=""),
                                               name="desk_closure_source_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.source_number or ref_words(self.source_ref)}".strip()


class ReturnVisit(Retained):
    """One 《回访记录表》, numbered HF-YYYY-NNNN per project, never deleted, kept 2 years (VISIT-4, VISIT-7).

    Overdue is a query: not visited and `due_at` passed (VISIT-5)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    closure = models.ForeignKey(Closure, on_delete=models.PROTECT, related_name="visits")
    number = models.CharField(_("number"), max_length=20)
    stage = models.CharField(_("stage"), max_length=10, choices=VisitStage.choices, default=VisitStage.SINGLE)
    status = models.CharField(_("status"), max_length=10, choices=VisitStatus.choices, default=VisitStatus.PLANNED)
    window_start = models.DateTimeField(_("window opens"))
    due_at = models.DateTimeField(_("due by"))
    assignee = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    co_assignee = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    planned_at = models.DateTimeField()
    method = models.CharField(_("method"), max_length=10, choices=VisitMethod.choices, blank=True)
    visited_at = models.DateTimeField(_("visited at"), null=True, blank=True)
    visited_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    quality = models.TextField(_("quality"), blank=True)
    effect = models.TextField(_("effect of the service"), blank=True)
    satisfaction = models.CharField(_("satisfaction"), max_length=12, choices=Satisfaction.choices, blank=True)
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    suggestions = models.TextField(_("suggestions"), blank=True)
    confirmed_by_name = models.CharField(_("confirmed by"), max_length=100, blank=True)
    verbal_confirmed_at = models.DateTimeField(_("verbal confirmation at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    review_opinion = models.TextField(_("supervisor's opinion"), blank=True)
    complaint_ref = models.CharField(_("complaint opened"), max_length=40, blank=True)
    filing = models.ForeignKey("VisitFiling", on_delete=models.PROTECT, null=True, blank=True, related_name="visits")

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        verbose_name = _("return visit")
        verbose_name_plural = _("return visits")
        ordering = ["due_at", "pk"]
        indexes = [models.Index(fields=["project", "status", "due_at"]),
                   models.Index(fields=["project", "assignee", "status"])]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="desk_visit_number_unique"),
                       models.UniqueConstraint(fields=["closure", "stage"], name="desk_visit_stage_unique")]

    def __str__(self) -> str:
        return self.number

    def delete(self, *args, **kwargs):
        raise Conflict(gettext("Return-visit records are never deleted."), code="never_deleted", rule="VISIT-7",
                       clause="003 篇10 §4.7 回访记录表每页应有编码,不允许撕毁")


class VisitFiling(Retained):
    """A quarter's 《回访记录表》 handed to the office for filing, due by the 10th of the next quarter (VISIT-7)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    quarter = models.PositiveSmallIntegerField()
    due_on = models.DateField(_("due on"))
    filed_at = models.DateTimeField(_("filed at"))
    filed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    records = models.PositiveIntegerField(default=0)
    late = models.BooleanField(_("filed late"), default=False)

    objects = NeverDeletedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quarterly filing of return visits")
        verbose_name_plural = _("quarterly filings of return visits")
        constraints = [models.UniqueConstraint(fields=["project", "year", "quarter"], name="desk_visit_filing_unique")]


class VisitAnalysis(Retained):
    """The quarter-end statistical analysis (VISIT-6): figures frozen when saved, the supervisor's conclusions."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveIntegerField()
    quarter = models.PositiveSmallIntegerField()
    prepared_at = models.DateTimeField()
    prepared_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    figures = models.JSONField(default=dict)
    report = models.TextField(_("analysis"), blank=True)
    conclusions = models.TextField(_("supervisor's conclusions"), blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    concluded_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        verbose_name = _("quarterly analysis of return visits")
        verbose_name_plural = _("quarterly analyses of return visits")
        constraints = [models.UniqueConstraint(fields=["project", "year", "quarter"],
                                               name="desk_visit_analysis_unique")]
