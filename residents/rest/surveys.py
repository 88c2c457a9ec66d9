"""The satisfaction rate over the API (SURVEY-1): GET /api/surveys/satisfaction/?project=<id> — every campaign's
rate overall and per service, building and department, oldest first, and the residents' own ratings (SURVEY-2);
`months` and `by_service` are the numbers the statistics page's charts draw (the last twelve months)."""
from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.errors import DomainError
from core.parsing import is_int
from core.web.api import ERRORS, my_project
from residents.permissions import require_report_reader
from residents.selectors import satisfaction, satisfaction_months


def _rate(r) -> dict:
    return {"label": r.label, "answered": r.answered, "satisfied": r.satisfied, "rate": r.rate}


class SatisfactionView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: dict, **ERRORS})
    def get(self, request):
        raw = request.query_params.get("project", "")
        if not is_int(raw):
            raise DomainError("Give the project.", code="invalid", details={"field": "project"})
        project = my_project(request, int(raw))
        require_report_reader(request.user, project)
        trend = [{"number": t["campaign"].serial, "name": t["campaign"].name, "starts": t["campaign"].starts,
                  "ends": t["campaign"].ends, "sampled": t["sampled"], "answered": t["answered"],
                  "overall": _rate(t["overall"]), "services": [_rate(r) for r in t["services"]],
                  "buildings": [_rate(r) for r in t["buildings"]],
                  "departments": [_rate(r) for r in t["departments"]]} for t in satisfaction.trend(project)]
        online = satisfaction.online_ratings(project)
        months = [{"month": m.label, "survey": _rate(m.survey), "online": _rate(m.online)}
                  for m in satisfaction_months.by_month(project)]
        categories = satisfaction_months.by_category(project)
        return Response({"trend": trend, "online": {"overall": _rate(online["overall"]),
                                                     "services": [_rate(r) for r in online["services"]]},
                         "months": months, "by_service": {key: [_rate(r) for r in rows]
                                                          for key, rows in categories.items()}})
