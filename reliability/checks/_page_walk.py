"""Every page URL with real demo ids, and the query and form names each page reads (for reliability/checks/page_fuzz).

Runs inside Django (a probe process, or a test). The URL resolver is walked like tests/test_authz_matrix.py;
a path converter gets the id of a demo record of the first project — one record per state when the model has
a status, so that a print view meets a repair not yet set out as well as a closed one. The names a page reads
are found in its module's source (request.GET.get("key"), request.POST["note"], ...), plus the names every
page might read."""
from __future__ import annotations

import inspect
import re

from django.apps import apps
from django.urls import get_resolver

SKIP_PREFIXES = ("admin/", "api/", "i18n/", "jsi18n/", "static/", "media/", "accounts/logout/",
                 "bench/")  # bench.settings adds a bare endpoint for its baseline: not a page
COMMON_NAMES = ("page", "project", "q", "id", "ids", "key", "unit", "day", "date", "from", "to", "month", "status",
                "kind", "next")
NAME = re.compile(r"""(?:GET|POST|query_params|data)(?:\.get|\.getlist)?\(?\[?\s*["']([A-Za-z_][\w\-]*)["']""")
# Path parameters that name no record: a value of the kind the route expects.
SPECIAL = {"kind": ["collect", "return", "extension", "fault", "incident"], "month": ["2026-03"], "year": ["2026"],
           "quarter": ["1"], "action": None}


def _names_in(callback) -> list[str]:
    target = inspect.unwrap(callback)
    target = getattr(target, "view_class", target)
    try:
        source = inspect.getsource(inspect.getmodule(target))
    except (OSError, TypeError):
        source = ""
    return sorted(set(NAME.findall(source)) | set(COMMON_NAMES))


def _objects(label: str, project, extra_filter: dict | None = None) -> list:
    """Ids of records of `label` in `project`: one per status value when the model has one."""
    from tests.test_authz_matrix import _project_path

    model = apps.get_model(label)
    path = _project_path(model)
    qs = model.objects.filter(**{path: project}) if path else model.objects.all()
    fields = {f.name for f in model._meta.get_fields()}
    if "status" in fields:
        pks = []
        for status in qs.order_by().values_list("status", flat=True).distinct():
            pks.append(qs.filter(status=status).order_by("pk").values_list("pk", flat=True).first())
        return sorted(pk for pk in pks if pk is not None)
    first = qs.order_by("pk").values_list("pk", flat=True).first()
    return [] if first is None else [first]


def targets() -> list[dict]:
    """[{"url", "names", "route"}] for every page of every room."""
    from core import clock
    from core.models import Project
    from tests import authz_matrix as matrix
    from tests.test_authz_matrix import OBJECT_PARAMS, _project_path, _url, _walk

    project = Project.objects.order_by("pk").first()
    SPECIAL["month"] = [f"{clock.today():%Y-%m}"]
    result = []
    for path, name, pattern in _walk(get_resolver().url_patterns):
        if path.startswith(SKIP_PREFIXES):
            continue
        params = [a or b for a, b in OBJECT_PARAMS.findall(path)]
        names = _names_in(pattern.callback)
        fills: list[dict] = [{}]
        if params:
            if name in matrix.PAGE_MODELS:
                label, extra = matrix.PAGE_MODELS[name]
                fills = [{"pk": pk, **extra} for pk in _objects(label, project)]
            elif name in matrix.TOKEN_PAGES:
                label, kwarg, field, _shown = matrix.TOKEN_PAGES[name]
                model = apps.get_model(label)
                path = _project_path(model)  # a patrol checkpoint belongs to its project through its route
                obj = (model.objects.filter(**{path: project}) if path else model.objects).order_by("pk").first()
                fills = [{kwarg: getattr(obj, field)}] if obj else []
            elif name == "attachment-upload":
                fills = [{"label": "keys.keyset", "pk": pk} for pk in _objects("keys.KeySet", project)[:1]]
            else:
                fill = {}
                for param in params:
                    choices = SPECIAL.get(param)
                    fill[param] = choices[0] if choices else "1"
                fills = [fill]
            # The path's own parameters with wrong types too: a word where an id goes, a number too big.
            for bad in ("abc", "9999999999999999999"):
                result.append({"url": _url(path, {p: bad for p in params}), "names": [], "route": name,
                               "wrong": True})
        for fill in fills:
            result.append({"url": _url(path, fill), "names": names, "route": name})
    return result
