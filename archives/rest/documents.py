"""API of documents (DOC-1..3): incoming signed in with their scan, the GM's instruction, reading, the result,
archiving; outgoing and internal drafts, signature or return, numbering and sending; the file (a secret one
only with an approved request), its verification; requests to read, copy or take out a document."""
from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser
from rest_framework.response import Response

from archives.models import Circulation, DocDirection, DocKind, Document, DocumentLoan, DocumentUse
from archives.rest.common import StrictIdField, listed_projects
from archives.services import documents as svc
from archives.services import documents_loans as loan_svc
from archives.services import documents_outgoing as out_svc
from core import uploads
from core.errors import DomainError
from core.permissions import is_member, require_member, restrict
from core.rest_parsers import BoundedMultiPartParser
from core.web.api import ERRORS, PersonSerializer, my_project, project_user, valid

UPLOAD = [BoundedMultiPartParser, FormParser, JSONParser]


class CirculationSerializer(serializers.ModelSerializer):
    reader = PersonSerializer(read_only=True)

    class Meta:
        model = Circulation
        fields = ["reader", "opinion", "read_at"]


class DocumentSerializer(serializers.ModelSerializer):
    direction_display = serializers.CharField(source="get_direction_display", read_only=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    handler = PersonSerializer(read_only=True)
    signed_by = PersonSerializer(read_only=True)
    circulation = CirculationSerializer(many=True, read_only=True)
    file_visible = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = ["id", "project", "direction", "direction_display", "serial", "title", "kind", "kind_display",
                  "secret", "pages", "from_unit", "their_number", "to_unit", "status", "status_display", "sha256",
                  "created_at", "instruction", "handler", "handle_by", "result", "result_at", "signed_by",
                  "signed_at", "reject_reason", "registered_at", "sent_at", "archived_at", "circulation",
                  "file_visible"]

    def get_file_visible(self, obj) -> bool:
        request = self.context.get("request")
        return bool(request and svc.may_open(obj, request.user))


class _DocFields(serializers.Serializer):
    project = StrictIdField()
    title = serializers.CharField(max_length=200, allow_blank=True)
    kind = serializers.ChoiceField(choices=DocKind.choices)
    secret = serializers.BooleanField(required=False, default=False)
    pages = StrictIdField(min_value=1, max_value=9999)
    file = serializers.FileField(required=False)


class IncomingInput(_DocFields):
    from_unit = serializers.CharField(max_length=100, allow_blank=True)
    their_number = serializers.CharField(max_length=50, required=False, allow_blank=True, default="")


class DraftInput(_DocFields):
    direction = serializers.ChoiceField(choices=[DocDirection.OUTGOING, DocDirection.INTERNAL])
    to_unit = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class ReviseInput(serializers.Serializer):
    title = serializers.CharField(max_length=200, required=False)
    file = serializers.FileField(required=False)


class InstructInput(serializers.Serializer):
    instruction = serializers.CharField(max_length=500, allow_blank=True)
    readers = serializers.ListField(child=StrictIdField(), required=False, default=list, max_length=50)
    handler = StrictIdField(required=False)
    handle_by = serializers.DateField(required=False)


class TextInput(serializers.Serializer):
    text = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class SignInput(serializers.Serializer):
    password = serializers.CharField(max_length=200, allow_blank=True, trim_whitespace=False)
    comment = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


def _file(request):
    refusal = uploads.refused(request)
    if refusal is not None:
        raise refusal
    upload = request.FILES.get("file")
    return (upload.name, upload.read()) if upload is not None else ("", None)


@extend_schema(parameters=[OpenApiParameter("project", int, required=False),
                           OpenApiParameter("direction", str, required=False)])
class DocumentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DocumentSerializer
    queryset = Document.objects.all()

    def get_queryset(self):
        qs = restrict(Document.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, is_member, require_member))
            direction = self.request.query_params.get("direction", "")
            if direction:
                if direction not in DocDirection.values:
                    raise DomainError(_("Unknown direction."), code="invalid", details={"field": "direction"})
                qs = qs.filter(direction=direction)
        return (qs.select_related("handler", "signed_by", "scan").prefetch_related("circulation__reader")
                .order_by("-created_at", "-pk"))

    def get_object(self):
        obj = super().get_object()
        require_member(self.request.user, obj.project)
        return obj

    def _answer(self, document, code=status.HTTP_200_OK):
        document = Document.objects.get(pk=document.pk)
        return Response(DocumentSerializer(document, context={"request": self.request}).data, status=code)

    @extend_schema(request={"multipart/form-data": IncomingInput}, responses={201: DocumentSerializer, **ERRORS})
    @action(detail=False, methods=["post"], parser_classes=UPLOAD)
    def incoming(self, request):
        name, data_bytes = _file(request)
        data = valid(IncomingInput, request)
        project = my_project(request, data["project"])
        doc = svc.sign_in(project=project, clerk=request.user, title=data["title"], from_unit=data["from_unit"],
                          their_number=data["their_number"], kind=data["kind"], secret=data["secret"],
                          pages=data["pages"], scan_name=name, scan_data=data_bytes)
        return self._answer(doc, status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": DraftInput}, responses={201: DocumentSerializer, **ERRORS})
    @action(detail=False, methods=["post"], parser_classes=UPLOAD)
    def drafts(self, request):
        name, data_bytes = _file(request)
        data = valid(DraftInput, request)
        project = my_project(request, data["project"])
        doc = out_svc.draft(project=project, drafter=request.user, direction=data["direction"], title=data["title"],
                            kind=data["kind"], to_unit=data["to_unit"], secret=data["secret"], pages=data["pages"],
                            scan_name=name, scan_data=data_bytes)
        return self._answer(doc, status.HTTP_201_CREATED)

    @extend_schema(request={"multipart/form-data": ReviseInput}, responses={200: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"], parser_classes=UPLOAD)
    def revise(self, request, pk=None):
        doc = self.get_object()
        name, data_bytes = _file(request)
        data = valid(ReviseInput, request)
        doc = out_svc.revise(document=doc, by=request.user, title=data.get("title"), scan_name=name,
                             scan_data=data_bytes)
        return self._answer(doc)

    @extend_schema(request=InstructInput, responses={200: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def instruct(self, request, pk=None):
        doc = self.get_object()
        data = valid(InstructInput, request)
        readers = [project_user(doc.project, pk) for pk in data["readers"]]
        handler = project_user(doc.project, data["handler"]) if data.get("handler") else None
        doc = svc.instruct(document=doc, gm=request.user, instruction=data["instruction"], readers=readers,
                           handler=handler, handle_by=data.get("handle_by"))
        return self._answer(doc)

    @extend_schema(request=TextInput, responses={200: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="read")
    def read_it(self, request, pk=None):
        doc = self.get_object()
        svc.read(document=doc, reader=request.user, opinion=valid(TextInput, request)["text"])
        return self._answer(doc)

    @extend_schema(request=TextInput, responses={200: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def result(self, request, pk=None):
        doc = self.get_object()
        doc = svc.record_result(document=doc, handler=request.user, result=valid(TextInput, request)["text"])
        return self._answer(doc)

    @extend_schema(request=None, responses={200: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        return self._answer(svc.archive(document=self.get_object(), clerk=request.user))

    @extend_schema(request=SignInput, responses={200: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        doc = self.get_object()
        data = valid(SignInput, request)
        return self._answer(out_svc.sign(document=doc, signer=request.user, password=data["password"],
                                         comment=data["comment"]))

    @extend_schema(request=TextInput, responses={200: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        doc = self.get_object()
        return self._answer(out_svc.reject(document=doc, signer=request.user,
                                           reason=valid(TextInput, request)["text"]))

    @extend_schema(request=None, responses={200: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="register")
    def register_it(self, request, pk=None):
        return self._answer(out_svc.register(document=self.get_object(), clerk=request.user))

    @extend_schema(request=None, responses={200: DocumentSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def send(self, request, pk=None):
        return self._answer(out_svc.send(document=self.get_object(), clerk=request.user))

    @extend_schema(responses={200: inline_serializer("DocumentVerification", {
        "intact": serializers.BooleanField(), "kept": serializers.CharField(),
        "found": serializers.CharField(allow_null=True)}), **ERRORS})
    @action(detail=True, methods=["get"])
    def verify(self, request, pk=None):
        return Response(svc.verify(self.get_object()))

    @extend_schema(parameters=[OpenApiParameter("use", str, required=False)],
                   responses={(200, "application/octet-stream"): bytes, **ERRORS})
    @action(detail=True, methods=["get"], url_path="file")
    def file(self, request, pk=None):
        doc = self.get_object()
        use = request.query_params.get("use", DocumentUse.READ)
        data = svc.open_file(document=doc, user=request.user, use=use)
        response = HttpResponse(data, content_type=doc.scan.mime_type)
        response["Content-Disposition"] = f'attachment; filename="document-{doc.pk}.bin"'
        response["X-Content-Type-Options"] = "nosniff"
        return response


class DocumentLoanSerializer(serializers.ModelSerializer):
    holder = PersonSerializer(read_only=True)
    use_display = serializers.CharField(source="get_use_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = DocumentLoan
        fields = ["id", "project", "serial", "document", "use", "use_display", "holder", "purpose", "period_end",
                  "status", "status_display", "applied_at", "approved_at", "checked_out_at", "due_at",
                  "returned_at"]


class LoanInput(serializers.Serializer):
    document = StrictIdField()
    applicant = StrictIdField(required=False)
    use = serializers.ChoiceField(choices=DocumentUse.choices)
    purpose = serializers.CharField(max_length=300, allow_blank=True)
    days = StrictIdField(required=False, min_value=1, max_value=366)


class DocumentCounterInput(serializers.Serializer):
    counted = StrictIdField(min_value=0, max_value=100000)
    holder_password = serializers.CharField(max_length=200, allow_blank=True, trim_whitespace=False)


@extend_schema(parameters=[OpenApiParameter("project", int, required=False)])
class DocumentLoanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = DocumentLoanSerializer
    queryset = DocumentLoan.objects.all()

    def get_queryset(self):
        qs = restrict(DocumentLoan.objects, self.request.user)
        if self.action == "list":
            qs = qs.filter(project__in=listed_projects(self.request, is_member, require_member))
        return qs.select_related("holder").order_by("-applied_at", "-pk")

    def get_object(self):
        obj = super().get_object()
        require_member(self.request.user, obj.project)
        return obj

    @extend_schema(request=LoanInput, responses={201: DocumentLoanSerializer, **ERRORS})
    def create(self, request):
        data = valid(LoanInput, request)
        doc = restrict(Document.objects, request.user).filter(pk=data["document"]).first()
        if doc is None:
            raise DomainError(_("No such record."), code="not_found", status=404)
        require_member(request.user, doc.project)
        applicant = project_user(doc.project, data["applicant"]) if data.get("applicant") else request.user
        loan = loan_svc.apply(document=doc, applicant=applicant, registered_by=request.user, use=data["use"],
                              purpose=data["purpose"], days=data.get("days"))
        return Response(DocumentLoanSerializer(loan).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=TextInput, responses={200: DocumentLoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        loan = loan_svc.approve(loan=self.get_object(), approver=request.user,
                                comment=valid(TextInput, request)["text"])
        return Response(DocumentLoanSerializer(loan).data)

    @extend_schema(request=TextInput, responses={200: DocumentLoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        loan = loan_svc.reject(loan=self.get_object(), approver=request.user,
                               comment=valid(TextInput, request)["text"])
        return Response(DocumentLoanSerializer(loan).data)

    @extend_schema(request=DocumentCounterInput, responses={200: DocumentLoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def lend(self, request, pk=None):
        loan = self.get_object()
        data = valid(DocumentCounterInput, request)
        loan = loan_svc.lend(loan=loan, issuer=request.user, counted=data["counted"],
                             holder_password=data["holder_password"])
        return Response(DocumentLoanSerializer(loan).data)

    @extend_schema(request=DocumentCounterInput, responses={200: DocumentLoanSerializer, **ERRORS})
    @action(detail=True, methods=["post"], url_path="return")
    def take_back(self, request, pk=None):
        loan = self.get_object()
        data = valid(DocumentCounterInput, request)
        loan = loan_svc.take_back(loan=loan, receiver=request.user, counted=data["counted"],
                                  holder_password=data["holder_password"])
        return Response(DocumentLoanSerializer(loan).data)


def register(router) -> None:
    router.register("documents", DocumentViewSet, basename="archives-document")
    router.register("document-loans", DocumentLoanViewSet, basename="archives-document-loan")
