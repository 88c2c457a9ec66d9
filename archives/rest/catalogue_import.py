"""API of the catalogue import (issue 15; ARCH-2): a multipart upload of an .xlsx or .csv; 201 with what was
imported and the rows left out, or 400 `import_rejected` with every bad row (row, column, message) and nothing
imported; `malformed_file`, `too_many_rows`, `file_too_large` for a file that cannot be read at all."""
from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.response import Response

from archives.rest.common import StrictIdField
from archives.services import catalogue_import as svc
from core import uploads
from core.errors import DomainError
from core.rest_parsers import BoundedFormParser, BoundedMultiPartParser
from core.web.api import ERRORS, my_project, valid


class CatalogueImportInput(serializers.Serializer):
    project = StrictIdField()
    file = serializers.FileField(required=False)
    only_good_rows = serializers.BooleanField(default=False)


ImportDone = inline_serializer("CatalogueImportDone", {
    "created": serializers.IntegerField(), "rows": serializers.IntegerField(),
    "numbers": serializers.ListField(child=serializers.CharField()), "errors": serializers.ListField()})


class CatalogueImportViewSet(viewsets.ViewSet):
    parser_classes = (BoundedMultiPartParser, BoundedFormParser)

    @extend_schema(request={"multipart/form-data": CatalogueImportInput}, responses={201: ImportDone, **ERRORS})
    def create(self, request):
        """Import volumes of the catalogue: all rows or nothing, unless only_good_rows."""
        refusal = uploads.refused(request)
        if refusal is not None:
            raise refusal
        data = valid(CatalogueImportInput, request)
        upload = data.get("file")
        if upload is None:
            raise DomainError(_("Choose the file to import."), code="file_required", details={"field": "file"})
        result = svc.import_volumes(project=my_project(request, data["project"]), actor=request.user,
                                    data=upload.read(), name=upload.name, only_good_rows=data["only_good_rows"])
        return Response({"created": result.created, "rows": result.rows, "numbers": result.numbers,
                         "errors": result.errors}, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("catalogue-imports", CatalogueImportViewSet, basename="archives-catalogue-import")
