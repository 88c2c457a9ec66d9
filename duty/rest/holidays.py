"""REST API of the holidays area: the calendar, the decoration register, holiday preparations
(HOLIDAY-1, HOLIDAY-2)."""
from __future__ import annotations

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.errors import DomainError, NotFound
from core.masking import mask_phone
from core.parsing import is_int
from core.permissions import restrict
from core.web.api import ERRORS, ErrorSerializer, PersonSerializer, my_project, valid
from duty.models import (
    CalendarDay,
    DecorationCall,
    DecorationHousehold,
    HolidayGuestParking,
    HolidayInspection,
    HolidayNotice,
    HolidayPrep,
    InspectionFinding,
    NoticeChannel,
    NoticeKind,
    QuietWorkRequest,
)
from duty.selectors import holidays as sel
from duty.services import holidays as svc
from duty.services import holidays_calendar as cal


class CalendarDaySerializer(serializers.ModelSerializer):
    class Meta:
        model = CalendarDay
        fields = ["id", "date", "kind", "name", "source", "created_at"]


class PeriodSerializer(serializers.Serializer):
    name = serializers.CharField()
    start = serializers.DateField()
    end = serializers.DateField()
    days = serializers.IntegerField()
    makeup_days = serializers.ListField(child=serializers.DateField())


class HouseholdSerializer(serializers.ModelSerializer):
    contact_phone = serializers.SerializerMethodField()
    unit_label = serializers.CharField(source="unit.__str__", read_only=True)

    class Meta:
        model = DecorationHousehold
        fields = ["id", "project", "unit", "unit_label", "contact_name", "contact_phone", "contractor", "starts",
                  "ends", "created_at"]

    def get_contact_phone(self, obj) -> str:
        """Masked unless the caller's role needs the phone (CORE-3)."""
        user = self.context["request"].user
        return obj.contact_phone if svc.may_see_phone(user, obj.project) else mask_phone(obj.contact_phone)


class NoticeSerializer(serializers.ModelSerializer):
    posted_by = PersonSerializer(read_only=True)

    class Meta:
        model = HolidayNotice
        fields = ["id", "kind", "channel", "due", "posted_at", "posted_by", "late", "note"]


class CallSerializer(serializers.ModelSerializer):
    called_by = PersonSerializer(read_only=True)

    class Meta:
        model = DecorationCall
        fields = ["id", "household", "called_at", "called_by", "reached", "note", "late"]


class QuietSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuietWorkRequest
        fields = ["id", "unit", "applicant", "work", "work_from", "work_to", "received_at", "received_by",
                  "handed_to"]


class ParkingSerializer(serializers.ModelSerializer):
    class Meta:
        model = HolidayGuestParking
        fields = ["id", "unit", "plate", "guest", "day", "registered_at", "registered_by"]


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = InspectionFinding
        fields = ["id", "place", "hazard", "fix", "fixed"]


class InspectionSerializer(serializers.ModelSerializer):
    organised_by = PersonSerializer(read_only=True)
    findings = FindingSerializer(many=True, read_only=True)

    class Meta:
        model = HolidayInspection
        fields = ["id", "organised_by", "done_at", "participants", "summary", "late", "findings"]


class PrepSerializer(serializers.ModelSerializer):
    notices = NoticeSerializer(many=True, read_only=True)
    calls = CallSerializer(many=True, read_only=True)
    quiet_requests = QuietSerializer(many=True, read_only=True)
    parkings = ParkingSerializer(many=True, read_only=True)
    inspection = serializers.SerializerMethodField()
    notice_due = serializers.SerializerMethodField()
    inspection_needed = serializers.SerializerMethodField()

    class Meta:
        model = HolidayPrep
        fields = ["id", "project", "holiday_name", "start", "end", "days", "created_at", "notice_due",
                  "inspection_needed", "notices", "calls", "quiet_requests", "parkings", "inspection"]

    @extend_schema_field(InspectionSerializer(allow_null=True))
    def get_inspection(self, obj) -> dict | None:
        found = HolidayInspection.objects.filter(prep=obj).first()
        return InspectionSerializer(found).data if found else None

    def get_notice_due(self, obj) -> dt.date:
        return sel.notice_due(project=obj.project, name=obj.holiday_name, start=obj.start, days=obj.days)

    def get_inspection_needed(self, obj) -> bool:
        return sel.needs_inspection(project=obj.project, days=obj.days)


PeriodCreate = inline_serializer("HolidayPeriodCreate", {
    "project": serializers.IntegerField(), "name": serializers.CharField(max_length=40),
    "start": serializers.DateField(), "end": serializers.DateField()})
MakeupCreate = inline_serializer("MakeupWorkdayCreate", {
    "project": serializers.IntegerField(), "name": serializers.CharField(max_length=40), "day": serializers.DateField()})
Workday = inline_serializer("WorkdayAnswer", {"date": serializers.DateField(), "workday": serializers.BooleanField()})
PrepCreate = inline_serializer("HolidayPrepCreate", {"project": serializers.IntegerField(),
                                                     "start": serializers.DateField()})
NoticeCreate = inline_serializer("HolidayNoticeCreate", {
    "kind": serializers.ChoiceField(choices=NoticeKind.choices),
    "channel": serializers.ChoiceField(choices=NoticeChannel.choices),
    "note": serializers.CharField(required=False, allow_blank=True, max_length=300)})
CallCreate = inline_serializer("DecorationCallCreate", {
    "household": serializers.IntegerField(), "reached": serializers.BooleanField(),
    "note": serializers.CharField(required=False, allow_blank=True, max_length=300)})
QuietCreate = inline_serializer("QuietWorkRequestCreate", {
    "unit": serializers.IntegerField(), "applicant": serializers.CharField(max_length=100),
    "work": serializers.CharField(max_length=300), "work_from": serializers.DateField(),
    "work_to": serializers.DateField()})
ParkingCreate = inline_serializer("GuestParkingCreate", {
    "unit": serializers.IntegerField(), "plate": serializers.CharField(max_length=20),
    "guest": serializers.CharField(max_length=100), "day": serializers.DateField()})
InspectionCreate = inline_serializer("HolidayInspectionCreate", {
    "participants": serializers.CharField(required=False, allow_blank=True, max_length=300),
    "summary": serializers.CharField(required=False, allow_blank=True),
    "findings": serializers.ListField(required=False, child=inline_serializer("InspectionFindingCreate", {
        "place": serializers.CharField(required=False, allow_blank=True, max_length=100),
        "hazard": serializers.CharField(max_length=300),
        "fix": serializers.CharField(required=False, allow_blank=True, max_length=300),
        "fixed": serializers.BooleanField(required=False)}))})
HouseholdCreate = inline_serializer("DecorationHouseholdCreate", {
    "project": serializers.IntegerField(), "unit": serializers.IntegerField(),
    "contact_name": serializers.CharField(max_length=100), "contact_phone": serializers.CharField(max_length=30),
    "contractor": serializers.CharField(required=False, allow_blank=True, max_length=100),
    "starts": serializers.DateField(), "ends": serializers.DateField()})


def _data(serializer, request) -> dict:
    return valid(serializer.__class__, request)


def _date_param(request, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(request.query_params.get(name, ""))
    except ValueError:
        raise DomainError(f"{name}: YYYY-MM-DD", code="invalid_date", rule="HOLIDAY-1") from None


class CalendarViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The statutory calendar: company-wide, readable by every signed-in member."""

    serializer_class = CalendarDaySerializer

    def get_queryset(self):
        qs = CalendarDay.objects.order_by("date")
        year = self.request.query_params.get("year", "")
        # Years the calendar can hold (datetime.date's range); anything else matches no day rather than failing.
        if not is_int(year):
            return qs
        return qs.filter(date__year=int(year)) if 1 <= int(year) <= 9999 else qs.none()

    @extend_schema(parameters=[OpenApiParameter("year", int, required=False)],
                   responses={200: CalendarDaySerializer(many=True)})
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=PeriodCreate, responses={201: CalendarDaySerializer(many=True), **ERRORS})
    @action(detail=False, methods=["post"])
    def period(self, request):
        data = _data(PeriodCreate, request)
        rows = cal.add_holiday_period(project=my_project(request, data["project"]), entered_by=request.user,
                                      name=data["name"], start=data["start"], end=data["end"])
        return Response(CalendarDaySerializer(rows, many=True).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=MakeupCreate, responses={201: CalendarDaySerializer, **ERRORS})
    @action(detail=False, methods=["post"])
    def makeup(self, request):
        data = _data(MakeupCreate, request)
        row = cal.add_makeup_workday(project=my_project(request, data["project"]), entered_by=request.user,
                                     name=data["name"], day=data["day"])
        return Response(CalendarDaySerializer(row).data, status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("start", dt.date), OpenApiParameter("end", dt.date)],
                   responses={200: PeriodSerializer(many=True), 400: ErrorSerializer})
    @action(detail=False, methods=["get"], pagination_class=None)
    def periods(self, request):
        start, end = _date_param(request, "start"), _date_param(request, "end")
        return Response(PeriodSerializer(sel.periods_between(start, end), many=True).data)

    @extend_schema(parameters=[OpenApiParameter("date", dt.date)], responses={200: Workday, 400: ErrorSerializer})
    @action(detail=False, methods=["get"])
    def workday(self, request):
        day = _date_param(request, "date")
        return Response({"date": day, "workday": sel.is_workday(day)})


class HouseholdViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = HouseholdSerializer
    filterset_fields = ["project"]

    def get_queryset(self):
        return (restrict(DecorationHousehold.objects, self.request.user)
                .select_related("unit", "unit__building", "project").order_by("-starts", "pk"))

    @extend_schema(request=HouseholdCreate, responses={201: HouseholdSerializer, **ERRORS})
    def create(self, request):
        data = _data(HouseholdCreate, request)
        household = svc.register_household(
            project=my_project(request, data["project"]), registered_by=request.user, unit=data["unit"],
            contact_name=data["contact_name"], contact_phone=data["contact_phone"],
            contractor=data.get("contractor", ""), starts=data["starts"], ends=data["ends"])
        return Response(HouseholdSerializer(household, context={"request": request}).data,
                        status=status.HTTP_201_CREATED)


class PrepViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PrepSerializer
    filterset_fields = ["project", "holiday_name"]

    def get_queryset(self):
        return (restrict(HolidayPrep.objects, self.request.user).select_related("project")
                .prefetch_related("notices__posted_by", "calls__called_by", "quiet_requests", "parkings")
                .order_by("-start"))

    def _done(self, prep, code=status.HTTP_201_CREATED):
        return Response(PrepSerializer(self.get_queryset().get(pk=prep.pk)).data, status=code)

    @extend_schema(request=PrepCreate, responses={201: PrepSerializer, **ERRORS})
    def create(self, request):
        data = _data(PrepCreate, request)
        prep = svc.open_prep(project=my_project(request, data["project"]), opened_by=request.user,
                             start=data["start"])
        return self._done(prep)

    @extend_schema(request=NoticeCreate, responses={201: PrepSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def notices(self, request, pk=None):
        data = _data(NoticeCreate, request)
        prep = self.get_object()
        svc.record_notice(prep=prep, kind=data["kind"], channel=data["channel"], posted_by=request.user,
                          note=data.get("note", ""))
        return self._done(prep)

    @extend_schema(request=CallCreate, responses={201: PrepSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def calls(self, request, pk=None):
        data = _data(CallCreate, request)
        prep = self.get_object()
        household = DecorationHousehold.objects.filter(project=prep.project, pk=data["household"]).first()
        if household is None:
            raise NotFound("No such household.", code="not_found")
        svc.record_call(prep=prep, household=household, called_by=request.user, reached=data["reached"],
                        note=data.get("note", ""))
        return self._done(prep)

    @extend_schema(request=QuietCreate, responses={201: PrepSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="quiet-requests")
    def quiet_requests(self, request, pk=None):
        data = _data(QuietCreate, request)
        prep = self.get_object()
        svc.receive_quiet_request(prep=prep, received_by=request.user, unit=data["unit"],
                                  applicant=data["applicant"], work=data["work"], work_from=data["work_from"],
                                  work_to=data["work_to"])
        return self._done(prep)

    @extend_schema(request=ParkingCreate, responses={201: PrepSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def parking(self, request, pk=None):
        data = _data(ParkingCreate, request)
        prep = self.get_object()
        svc.register_guest_parking(prep=prep, registered_by=request.user, unit=data["unit"], plate=data["plate"],
                                   guest=data["guest"], day=data["day"])
        return self._done(prep)

    @extend_schema(request=InspectionCreate, responses={201: PrepSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def inspection(self, request, pk=None):
        data = _data(InspectionCreate, request)
        prep = self.get_object()
        svc.record_inspection(prep=prep, organised_by=request.user, participants=data.get("participants", ""),
                              summary=data.get("summary", ""), findings=data.get("findings", []))
        return self._done(prep)


urlpatterns: list = []


def register(router) -> None:
    """Register this area's viewsets on the duty router."""
    router.register("holidays/calendar", CalendarViewSet, basename="duty-holidays-calendar")
    router.register("holidays/households", HouseholdViewSet, basename="duty-holidays-household")
    router.register("holidays/preps", PrepViewSet, basename="duty-holidays-prep")
