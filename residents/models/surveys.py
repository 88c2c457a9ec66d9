"""Satisfaction (SURVEY-1, SURVEY-2): questionnaires 《服务满意度调查表》, campaigns sampled by building, answers from
the portal or entered from a phone call, and residents' own ratings of closed matters (在线评价)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Building, Project, Resident, Unit

USER = settings.AUTH_USER_MODEL


class QuestionKind(models.TextChoices):
    RATING = "rating", _("Rating (1 to 5)")
    YES_NO = "yes_no", _("Satisfied or not")
    CHOICE = "choice", _("One of several answers")
    TEXT = "text", _("Written answer")


class Questionnaire(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField()
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    choices = models.JSONField(default=list, blank=True)
    # The service the question rates (a word such as "维修" / "保安" / "保洁"), and the responsible department code:
    # the satisfaction rate is counted per service and per department.
    service = models.CharField(_("service"), max_length=40, blank=True)
    department = models.CharField(_("department"), max_length=20, blank=True)

    class Meta:
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "order"], name="residents_question_order")]


class Campaign(models.Model):
    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    serial = models.CharField(_("number"), max_length=30)
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="campaigns")
    name = models.CharField(_("name"), max_length=200)
    starts = models.DateField(_("from"))
    ends = models.DateField(_("to"))
    buildings = models.ManyToManyField(Building, related_name="+")
    per_building = models.PositiveSmallIntegerField(_("households sampled per building"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-starts", "-pk"]
        constraints = [models.UniqueConstraint(fields=["project", "serial"], name="residents_campaign_serial")]

    def __str__(self) -> str:
        return f"{self.serial} {self.name}"


class Sample(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="samples")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="residents_sample_once")]


class AnswerChannel(models.TextChoices):
    PORTAL = "portal", _("Residents' portal")
    PHONE = "phone", _("Phone call, entered by staff")


class Response(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="responses")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(_("channel"), max_length=10, choices=AnswerChannel.choices)
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    respondent = models.CharField(_("respondent"), max_length=100)
    entered_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(_("answered at"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="residents_response_once")]


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(null=True, blank=True)  # 1..5 (a yes/no: 5 or 1)
    choice = models.CharField(max_length=100, blank=True)
    text = models.CharField(max_length=500, blank=True)


class MatterRating(models.Model):
    """A household's own rating of one closed matter (SURVEY-2); feeds the return-visit analysis (VISIT-6)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    matter_ref = models.CharField(max_length=40)
    number = models.CharField(_("document number"), max_length=40)
    service = models.CharField(_("service"), max_length=40)
    department = models.CharField(_("department"), max_length=20, blank=True)
    score = models.PositiveSmallIntegerField(_("rating"))
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    rated_at = models.DateTimeField(_("rated at"))

    class Meta:
        verbose_name = _("resident's rating")
        verbose_name_plural = _("residents' ratings")
        constraints = [models.UniqueConstraint(fields=["project", "matter_ref"], name="residents_rating_once")]
