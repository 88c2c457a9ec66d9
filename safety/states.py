"""Status enums of fire safety, patrol rounds and outsourced crews, and the transitions each workflow allows."""
from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.flow import Flow


class RouteKind(models.TextChoices):
    """What a route walks (PATROL-1; FIRE-1 daily fire patrol and key fire areas; FIRE-5 evacuation routes)."""

    BUILDING = "building", _("Building patrol")  # 楼宇巡检
    FIRE_DAILY = "fire_daily", _("Daily fire patrol")  # 每日防火巡查
    FIRE_KEY_AREA = "fire_key_area", _("Key fire area patrol")  # 重点部位每2小时
    EVACUATION = "evacuation", _("Evacuation routes and exits check")  # 疏散通道、安全出口

    @classmethod
    def fire(cls) -> frozenset[str]:
        return frozenset({cls.FIRE_DAILY, cls.FIRE_KEY_AREA, cls.EVACUATION})


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Under way")
    CLOSED = "closed", _("Closed")


class VisitResult(models.TextChoices):
    ON_TIME = "on_time", _("On time")
    LATE = "late", _("Late")
    MISSED = "missed", _("Missed")


class SignInVia(models.TextChoices):
    SCAN = "scan", _("Code scanned")
    TYPED = "typed", _("Short code typed")


class FindingOutcome(models.TextChoices):
    """What one step makes of a patrol finding (PATROL-1)."""

    HAZARD = "hazard", _("Hazard")
    REPAIR = "repair", _("Repair")
    DUTY_LOG = "duty_log", _("Duty-log entry")


class HazardSource(models.TextChoices):
    PATROL = "patrol", _("Patrol")
    INSPECTION = "inspection", _("Monthly inspection")
    FIRE_AUTHORITY = "fire_authority", _("Ordered by the fire authority")  # 消防机构责令
    OTHER = "other", _("Other")


class HazardStatus(models.TextChoices):
    OPEN = "open", _("To rectify")
    REPORTED_UP = "reported_up", _("Reported upward with a plan")
    RECTIFIED = "rectified", _("Rectified, awaiting re-check")
    CLOSED = "closed", _("Closed")


# A hazard is rectified then re-checked (failed: open again); one the site cannot fix is reported upward with a
# plan and is rectified from there (FIRE-1, FIRE-6).
HAZARD_FLOW = Flow("safety-hazard", {
    HazardStatus.OPEN: {HazardStatus.RECTIFIED, HazardStatus.REPORTED_UP},
    HazardStatus.REPORTED_UP: {HazardStatus.RECTIFIED},
    HazardStatus.RECTIFIED: {HazardStatus.CLOSED, HazardStatus.OPEN},
    HazardStatus.CLOSED: set()})


class EquipmentKind(models.TextChoices):
    """Fire equipment and the interval of its test (FIRE-2; months in the policy safety.fire.test_months)."""

    DETECTOR = "detector", _("Smoke/heat detector")  # 每只探测器每年
    PUMP = "pump", _("Fire pump")  # 消防泵每月
    PRESSURISATION = "pressurisation", _("Pressurisation fan")  # 正压送风半年
    SMOKE_EXHAUST = "smoke_exhaust", _("Smoke exhaust")  # 排烟半年
    HYDRANT = "hydrant", _("Hydrant")  # 消火栓每季度
    EXTINGUISHER = "extinguisher", _("Extinguisher")  # 灭火器每年两次


class DueStatus(models.TextChoices):
    DUE = "due", _("Due")
    DONE = "done", _("Tested")
    MISSED = "missed", _("Missed")


class ExerciseKind(models.TextChoices):
    """Fire training, drills and the volunteer brigade's own (FIRE-3, FIRE-4)."""

    TRAINING = "training", _("Fire training")  # 每年至少两次
    DRILL = "drill", _("Evacuation drill")  # 每半年
    BRIGADE_TRAINING = "brigade_training", _("Volunteer brigade training")  # 每季度
    BRIGADE_DRILL = "brigade_drill", _("Volunteer brigade evacuation drill")  # 每半年


class MeetingStatus(models.TextChoices):
    OPEN = "open", _("Awaiting signatures")
    SIGNED = "signed", _("Signed by every member")


class AccidentStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    CLOSED = "closed", _("Closed (四不放过)")
