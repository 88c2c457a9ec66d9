"""Holiday calendar and the preparation of each project for each holiday period (HOLIDAY-1, HOLIDAY-2)."""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.models import Project, Unit
from core.retention import Retained

USER = settings.AUTH_USER_MODEL

__all__ = [
    "CalendarDay", "CalendarSource", "DayKind", "DecorationCall", "DecorationHousehold", "HolidayGuestParking",
    "HolidayInspection", "HolidayNotice", "HolidayPrep", "InspectionFinding", "NoticeChannel", "NoticeKind",
    "QuietWorkRequest",
]


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")  # 法定节假日（含调休放假）
    MAKEUP_WORKDAY = "makeup_workday", _("Make-up workday")  # 调休上班


class CalendarSource(models.TextChoices):
    PACKAGE = "package", _("Official calendar package")
    ADMIN = "admin", _("Entered by an administrator")


class NoticeKind(models.TextChoices):
    DECORATION_STOP = "decoration_stop", _("Decoration stop notice")  # 停止装修通知
    SAFETY = "safety", _("Safety notice")  # 安全提示


class NoticeChannel(models.TextChoices):
    BULLETIN = "bulletin", _("Bulletin board")  # 公告栏
    WECHAT_GROUP = "wechat_group", _("Owners' WeChat group")  # 业主微信群
    SUBSCRIPTION = "subscription", _("Subscription account")  # 公众号


class CalendarDay(models.Model):
    """One day that differs from the ordinary week: a day off for a statutory holiday, or a 调休 weekend
    that is worked. Company-wide: the State Council's calendar is the same for every project."""

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind.choices)
    name = models.CharField(_("holiday"), max_length=40, help_text=_("E.g. 春节, 国庆节."))
    source = models.CharField(_("source"), max_length=20, choices=CalendarSource.choices)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("recorded at"))

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name} {self.kind}"


class DecorationHousehold(models.Model):
    """A household under decoration: the register the holiday calls are made from (HOLIDAY-1). Where the site
    office issues decoration permits, its households are copied in from it (`source` names the permit's record,
    core.handoffs.households_under_decoration); a household typed in by hand has no source."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    contact_name = models.CharField(_("resident / contact"), max_length=100)
    contact_phone = models.CharField(_("phone"), max_length=30)
    contractor = models.CharField(_("contractor"), max_length=100, blank=True)
    starts = models.DateField(_("decoration from"))
    ends = models.DateField(_("decoration until"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("recorded at"))
    source = models.CharField(_("from"), max_length=60, blank=True, editable=False)

    class Meta:
        verbose_name = _("household under decoration")
        verbose_name_plural = _("households under decoration")
        ordering = ["unit_id", "starts"]
        indexes = [models.Index(fields=["project", "ends"])]
        constraints = [models.UniqueConstraint(fields=["project", "source"], condition=~models.Q(source=""),
                                               name="duty_household_one_per_source")]


class HolidayPrep(Retained):
    """One project's preparation for one holiday period (003 篇7 §3, §5.1)."""

    project = models.ForeignKey(Project, on_delete=models.PROTECT, related_name="+")
    holiday_name = models.CharField(_("holiday"), max_length=40)
    start = models.DateField(_("first day off"))
    end = models.DateField(_("last day off"))
    days = models.PositiveSmallIntegerField(_("days off"))
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("opened at"))

    class Meta:
        verbose_name = _("holiday preparation")
        verbose_name_plural = _("holiday preparations")
        ordering = ["-start"]
        constraints = [models.UniqueConstraint(fields=["project", "start"], name="duty_holiday_prep_unique")]

    def __str__(self) -> str:
        return f"{self.holiday_name} {self.start}–{self.end}"


class HolidayNotice(models.Model):
    """A notice posted on one channel; posted_at is the server's time when it was recorded."""

    prep = models.ForeignKey(HolidayPrep, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("notice"), max_length=20, choices=NoticeKind.choices)
    channel = models.CharField(pgettext_lazy("holiday notice", "channel"), max_length=20, choices=NoticeChannel.choices)
    due = models.DateField(_("due by"))
    posted_at = models.DateTimeField(_("posted at"))
    posted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    late = models.BooleanField(_("late"), default=False)
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("holiday notice")
        verbose_name_plural = _("holiday notices")
        ordering = ["kind", "channel"]
        constraints = [models.UniqueConstraint(fields=["prep", "kind", "channel"], name="duty_holiday_notice_unique")]


class DecorationCall(models.Model):
    """One telephone call to a household under decoration before the holiday (several tries allowed)."""

    prep = models.ForeignKey(HolidayPrep, on_delete=models.PROTECT, related_name="calls")
    household = models.ForeignKey(DecorationHousehold, on_delete=models.PROTECT, related_name="calls")
    called_at = models.DateTimeField(_("called at"))
    called_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reached = models.BooleanField(_("reached"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    late = models.BooleanField(_("late"), default=False)

    class Meta:
        verbose_name = _("decoration call")
        verbose_name_plural = _("decoration calls")
        ordering = ["called_at"]


class QuietWorkRequest(models.Model):
    """A household's request to do noise-free work over the holiday, handed to 秩序维护部 (order dept)."""

    prep = models.ForeignKey(HolidayPrep, on_delete=models.PROTECT, related_name="quiet_requests")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    applicant = models.CharField(_("applicant"), max_length=100)
    work = models.CharField(_("work"), max_length=300)
    work_from = models.DateField(_("from"))
    work_to = models.DateField(_("to"))
    received_at = models.DateTimeField(_("received at"))
    received_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    handed_to = models.CharField(_("handed to"), max_length=20, default="order")

    class Meta:
        verbose_name = _("noise-free work request")
        verbose_name_plural = _("noise-free work requests")
        ordering = ["received_at"]


class HolidayGuestParking(models.Model):
    """Guest parking for a move-in over the holiday, registered in advance."""

    prep = models.ForeignKey(HolidayPrep, on_delete=models.PROTECT, related_name="parkings")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    plate = models.CharField(_("plate number"), max_length=20)
    guest = models.CharField(_("guest"), max_length=100)
    day = models.DateField(_("day"))
    registered_at = models.DateTimeField(_("registered at"))
    registered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("holiday guest parking")
        verbose_name_plural = _("holiday guest parking")
        ordering = ["day", "plate"]


class HolidayInspection(models.Model):
    """The safety inspection before a break of three days or more, organised by the project manager."""

    prep = models.OneToOneField(HolidayPrep, on_delete=models.PROTECT, related_name="inspection")
    organised_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    done_at = models.DateTimeField(_("inspected at"))
    participants = models.CharField(_("participants"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    late = models.BooleanField(_("late"), default=False)

    class Meta:
        verbose_name = _("holiday safety inspection")
        verbose_name_plural = _("holiday safety inspections")


class InspectionFinding(models.Model):
    inspection = models.ForeignKey(HolidayInspection, on_delete=models.PROTECT, related_name="findings")
    place = models.CharField(_("place"), max_length=100, blank=True)
    hazard = models.CharField(_("hazard"), max_length=300)
    fix = models.CharField(_("fix"), max_length=300, blank=True)
    fixed = models.BooleanField(_("fixed"), default=False)

    class Meta:
        verbose_name = _("inspection finding")
        verbose_name_plural = _("inspection findings")
        ordering = ["pk"]
