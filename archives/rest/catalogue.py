"""API of the catalogue (ARCH-1, ARCH-2, ARCH-4, ARCH-9, ARCH-11): categories, external units, volumes (the general
catalogue, paged and filtered), a volume's items, opening, shelving and sealing a volume. Another project's record
is 404; roles outside the readers 403; a confidential volume's items only with the manager's permission."""
from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from archives.models import Category, ExternalUnit, Item, Volume
from archives.permissions import may_keep, may_read, require_keeper, require_reader
from archives.rest.common import StrictIdField, listed_projects, query_int
from archives.selectors import catalogue as selectors
from archives.selectors import destruction as destruction_selectors
from archives.services import catalogue as svc
from archives.services import sealing
from archives.states import Retention, VolumeStatus
from core.errors import DomainError
from core.models import Department
from core.pagination import CappedCountPagination
from core.permissions import projects_for, restrict
from core.web.api import ERRORS, PersonSerializer, my_project, valid


class CategorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["id", "code", "name", "order", "read_only", "confidential", "active", "clause"]


class CategoryInputSerializer(serializers.Serializer):
    project = StrictIdField()
    code = serializers.CharField(max_length=6)
    name = serializers.CharField(max_length=60, allow_blank=True)
    order = StrictIdField(min_value=0, max_value=32000, default=0)
    read_only = serializers.BooleanField(default=False)
    confidential = serializers.BooleanField(default=False)


class CategoryEditSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=60, allow_blank=True)
    order = StrictIdField(min_value=0, max_value=32000)
    read_only = serializers.BooleanField()
    confidential = serializers.BooleanField()
    active = serializers.BooleanField()


class SeedSerializer(serializers.Serializer):
    project = StrictIdField()


def _company_projects(request):
    """Categories are the company's: a user reads those of the companies of the projects they may read."""
    return [p for p in projects_for(request.user) if may_read(request.user, p)]


class CategoryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CategorySerializer
    queryset = Category.objects.all()

    def get_queryset(self):
        companies = {p.company_id for p in _company_projects(self.request)}
        return Category.objects.filter(company_id__in=companies).order_by("company_id", "order", "pk")

    @extend_schema(request=CategoryInputSerializer, responses={201: CategorySerializer, **ERRORS})
    def create(self, request):
        data = valid(CategoryInputSerializer, request)
        project = my_project(request, data.pop("project"))
        require_keeper(request.user, project)
        category = svc.add_category(company=project.company, by=request.user, **data)
        return Response(CategorySerializer(category).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=CategoryEditSerializer, responses={200: CategorySerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def edit(self, request, pk=None):
        data = valid(CategoryEditSerializer, request)
        return Response(CategorySerializer(svc.edit_category(category=self.get_object(), by=request.user,
                                                             **data)).data)

    @extend_schema(request=SeedSerializer, responses={200: CategorySerializer(many=True), **ERRORS})
    @action(detail=False, methods=["post"])
    def seed(self, request):
        project = my_project(request, valid(SeedSerializer, request)["project"])
        require_keeper(request.user, project)
        svc.seed_categories(company=project.company, by=request.user)
        return Response(CategorySerializer(selectors.categories(project.company), many=True).data)


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = ExternalUnit
        fields = ["id", "project", "name"]


class UnitInputSerializer(serializers.Serializer):
    project = StrictIdField()
    name = serializers.CharField(max_length=100, allow_blank=True)


PROJECT_PARAM = OpenApiParameter("project", int, required=False)


@extend_schema(parameters=[PROJECT_PARAM])
class UnitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = UnitSerializer
    queryset = ExternalUnit.objects.all()

    def get_queryset(self):
        qs = restrict(ExternalUnit.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, may_read, require_reader))
        return qs.order_by("name", "pk")

    def get_object(self):
        obj = super().get_object()
        require_reader(self.request.user, obj.project)
        return obj

    @extend_schema(request=UnitInputSerializer, responses={201: UnitSerializer, **ERRORS})
    def create(self, request):
        data = valid(UnitInputSerializer, request)
        project = my_project(request, data["project"])
        unit = svc.add_external_unit(project=project, by=request.user, name=data["name"])
        return Response(UnitSerializer(unit).data, status=status.HTTP_201_CREATED)


class ItemSerializer(serializers.ModelSerializer):
    transfer_number = serializers.CharField(source="transfer.number", read_only=True)

    class Meta:
        model = Item
        fields = ["id", "seq", "title", "doc_number", "doc_date", "pages", "original", "confidential", "filed_at",
                  "file_by", "late", "transfer", "transfer_number"]


class VolumeSerializer(serializers.ModelSerializer):
    category = CategorySerializer(read_only=True)
    created_by = PersonSerializer(read_only=True)
    place = serializers.CharField(read_only=True)
    series = serializers.CharField(read_only=True)
    lendable = serializers.BooleanField(read_only=True)

    class Meta:
        model = Volume
        fields = ["id", "project", "number", "category", "year", "seq", "title", "retention", "retention_years",
                  "retain_until", "owner", "department", "external_unit", "series", "status", "created_by",
                  "created_at", "sealed_at", "room", "cabinet", "shelf", "position", "place", "shelved_at",
                  "item_count", "lendable"]


class VolumeDetailSerializer(VolumeSerializer):
    items = serializers.SerializerMethodField()
    items_hidden = serializers.SerializerMethodField()
    destruction = serializers.SerializerMethodField()

    class Meta(VolumeSerializer.Meta):
        fields = [*VolumeSerializer.Meta.fields, "items", "items_hidden", "destruction"]

    def get_destruction(self, obj) -> dict | None:
        """A destroyed volume's record (ARCH-10): which list, how, when, by whom, before whom."""
        if obj.status != VolumeStatus.DESTROYED:
            return None
        record = destruction_selectors.record_of(obj)
        if record is None:
            return None
        return {"id": record.pk, "serial": record.serial, "method": record.method,
                "destroyed_at": record.destroyed_at,
                "destroyed_by": record.destroyed_by.display_name if record.destroyed_by else "",
                "witness": record.witness.display_name if record.witness else ""}

    def _shown(self, obj) -> bool:
        return svc.may_see_items(self.context["request"].user, obj)

    def get_items(self, obj) -> list[dict] | None:
        return ItemSerializer(selectors.items_of(obj), many=True).data if self._shown(obj) else None

    def get_items_hidden(self, obj) -> bool:
        return not self._shown(obj)


class VolumeInputSerializer(serializers.Serializer):
    project = StrictIdField()
    category = StrictIdField()
    year = StrictIdField(min_value=1, max_value=9999)
    title = serializers.CharField(max_length=200, allow_blank=True)
    retention = serializers.ChoiceField(choices=Retention.choices, required=False, allow_blank=True, default="")
    retention_years = StrictIdField(required=False, allow_null=True, default=None, min_value=1, max_value=100)
    department = StrictIdField(required=False, allow_null=True, default=None)
    external_unit = StrictIdField(required=False, allow_null=True, default=None)


class ShelveSerializer(serializers.Serializer):
    room = serializers.CharField(max_length=30, allow_blank=True)
    cabinet = serializers.CharField(max_length=20, allow_blank=True)
    shelf = StrictIdField(min_value=1, max_value=999)
    position = StrictIdField(min_value=1, max_value=999)


@extend_schema(parameters=[PROJECT_PARAM, OpenApiParameter("category", int), OpenApiParameter("year", int),
                           OpenApiParameter("status", str, enum=VolumeStatus.values), OpenApiParameter("q", str),
                           OpenApiParameter("unit", int)])
class VolumeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The general catalogue (总目录): every volume, in category and number order, paged (ARCH-2)."""

    serializer_class = VolumeSerializer
    queryset = Volume.objects.all()
    pagination_class = CappedCountPagination  # a project's catalogue reaches a million volumes

    def get_serializer_class(self):
        return VolumeDetailSerializer if self.action == "retrieve" else VolumeSerializer

    def get_queryset(self):
        if self.action != "list":
            return restrict(Volume.objects, self.request.user).select_related("category", "created_by")
        projects = listed_projects(self.request, may_read, require_reader)
        status_ = self.request.query_params.get("status", "")
        if status_ and status_ not in VolumeStatus.values:
            raise DomainError("Invalid status.", code="invalid", details={"field": "status"})
        q = self.request.query_params.get("q", "").strip()[:100]
        qs = selectors.general_catalogue(project=projects, category=query_int(self.request, "category"),
                                         year=query_int(self.request, "year"), status=status_, q=q,
                                         unit=query_int(self.request, "unit"))
        return qs.select_related("created_by")

    def get_object(self):
        obj = super().get_object()
        require_reader(self.request.user, obj.project)
        return obj

    @extend_schema(request=VolumeInputSerializer, responses={201: VolumeSerializer, **ERRORS})
    def create(self, request):
        data = valid(VolumeInputSerializer, request)
        project = my_project(request, data.pop("project"))
        require_keeper(request.user, project)
        category = Category.objects.filter(company=project.company, pk=data.pop("category")).first()
        if category is None:
            raise DomainError("No such category.", code="invalid_category", rule="ARCH-1",
                              details={"field": "category"})
        department = external_unit = None
        if data["department"] is not None:
            department = Department.objects.filter(company=project.company, pk=data["department"]).first()
            if department is None:
                raise DomainError("No such department.", code="invalid_choice", rule="ARCH-9")
        if data["external_unit"] is not None:
            external_unit = ExternalUnit.objects.filter(project=project, pk=data["external_unit"]).first()
            if external_unit is None:
                raise DomainError("No such external unit.", code="invalid_choice", rule="ARCH-9")
        volume = svc.open_volume(project=project, by=request.user, category=category, year=data["year"],
                                 title=data["title"], retention=data["retention"],
                                 retention_years=data["retention_years"], department=department,
                                 external_unit=external_unit)
        return Response(VolumeSerializer(volume).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ShelveSerializer, responses={200: VolumeSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def shelve(self, request, pk=None):
        return Response(VolumeSerializer(svc.shelve_volume(volume=self._kept(), by=request.user,
                                                           **valid(ShelveSerializer, request))).data)

    @extend_schema(request=None, responses={200: VolumeSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def seal(self, request, pk=None):
        return Response(VolumeSerializer(sealing.seal_volume(volume=self._kept(), by=request.user)).data)

    def _kept(self) -> Volume:
        volume = super().get_object()
        if not may_keep(self.request.user, volume.project):
            require_keeper(self.request.user, volume.project)
        return volume


def register(router) -> None:
    router.register("categories", CategoryViewSet, basename="archives-category")
    router.register("units", UnitViewSet, basename="archives-unit")
    router.register("volumes", VolumeViewSet, basename="archives-volume")

