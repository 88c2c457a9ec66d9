"""The API walk of the `authz` check, run in a process of its own on a demo database (see authz.py).

Every API operation of the OpenAPI schema (and every API route of the URL resolver, which must all be in the
schema) is sent by clerks of project A:
  - list and filter routes (GET): plain, and with every filter that names a record set to project B's record;
    the answer must show no record of project B;
  - write routes (POST/PUT/PATCH/DELETE): a VALID body built from the schema with project A's own ids (does
    the body pass validation? then a refusal below is authorisation), and the same body with one reference
    at a time (key, unit, resident, staff member …) swapped for project B's; the answer must be a refusal.
Each request runs in a transaction that is rolled back afterwards, so every request meets the same demo
data; "nothing changed" is read from the rows — a count and a checksum of every table inside the request's
transaction, against the same taken before it — not from the audit trail.

  python -m reliability.checks._authz_walk REPORT.json [--quick]
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import sys
from collections import deque

import django

from reliability.checks import _authz_routes as routes

REFERENCES = {"project": "core.Project", "key": "keys.KeySet", "unit": "core.Unit", "building": "core.Building",
              "resident": "core.Resident", "contact": "desk.Contact", "handover": "duty.Handover",
              "household": "duty.DecorationHousehold", "assignment": "duty.RosterAssignment",
              "collected": "keys.ShiftKeySlip", "loan": "keys.KeyLoan", "ids": "core.Notification",
              "repair": "desk.Repair", "complaint": "desk.Complaint", "roster": "duty.Roster"}
PEOPLE = {"applicant", "assignee", "co_assignee", "handed_by", "received_by", "owner", "person", "reporter",
          "substitute", "swap_with", "technician", "to_user", "incoming", "witnesses", "witness", "approver",
          "holder", "staff", "user", "visitor", "keeper", "recipient", "handler", "inspector", "engineer"}
ACTORS = ["kefu1", "kfzg", "jingli", "xingzheng", "gongcheng1", "baoan1"]
QUICK_ACTORS = ["kefu1", "kfzg"]
SKIP = re.compile(r"^/api/(schema|docs)")


def _project_path(model, project_model):
    """The shortest chain of foreign keys from `model` to Project (three hops at most)."""
    from django.db import models

    if model is project_model:
        return "pk"
    queue, seen = deque([(model, "")]), {model}
    while queue:
        current, path = queue.popleft()
        for field in current._meta.get_fields():
            if not isinstance(field, (models.ForeignKey, models.OneToOneField)):
                continue
            step = f"{path}__{field.name}" if path else field.name
            if field.related_model is project_model:
                return step
            if field.related_model not in seen and step.count("__") < 2:
                seen.add(field.related_model)
                queue.append((field.related_model, step))
    return None


class World:
    """Project A (the actors' own) and project B (the other), and how to find a record of each."""

    def __init__(self):
        from core.models import Membership, Project, User

        self.a, self.b = Project.objects.order_by("pk")[:2]
        self.Project, self.User = Project, User
        both = Membership.objects.filter(project=self.b).values("user")
        self.only_a = set(User.objects.filter(memberships__project=self.a).exclude(pk__in=both).values_list(
            "pk", flat=True))
        self._cache: dict = {}

    def record(self, label: str, project):
        """The first record of model `label` in `project` (pk), or None."""
        from django.apps import apps

        key = (label, project.pk)
        if key not in self._cache:
            model = apps.get_model(label)
            path = _project_path(model, self.Project)
            found = None
            if path:
                found = model.objects.filter(**{path: project.pk}).order_by("pk").values_list("pk", flat=True).first()
            self._cache[key] = found
        return self._cache[key]

    def person(self, project):
        """A staff member of `project` only."""
        key = ("person", project.pk)
        if key not in self._cache:
            others = self.a if project == self.b else self.b
            self._cache[key] = (self.User.objects.filter(memberships__project=project)
                                .exclude(memberships__project=others).order_by("pk").values_list("pk", flat=True)
                                .first())
        return self._cache[key]

    def reference(self, name: str, project):
        if name in PEOPLE:
            return self.person(project)
        if name in REFERENCES:
            return self.record(REFERENCES[name], project)
        return None

    def owner_of(self, model, pk) -> int | None:
        path = _project_path(model, self.Project)
        if not path:
            return None
        return model.objects.filter(pk=pk).values_list(path, flat=True).first()


# The signed-in sessions themselves: touched by every request (expiry slides), never business data.
NOT_DATA = {"django_session"}


def _rows(cursor, table: str) -> tuple[list[str], list[tuple]]:
    from django.db import connection

    cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
    rows = [tuple(bytes(v) if isinstance(v, memoryview) else v for v in row) for row in cursor.fetchall()]
    return [d[0] for d in cursor.description], rows


def snapshot(keep: dict | None = None) -> dict:
    """Per table: the number of rows and a checksum of all of them (raw SQL, every column). With `keep`,
    every row's text is kept there too (for the baseline), to tell later which rows a request wrote."""
    from django.db import connection

    result = {}
    with connection.cursor() as cursor:
        for table in sorted(set(connection.introspection.table_names()) - NOT_DATA):
            _, rows = _rows(cursor, table)
            texts = sorted(repr(r) for r in rows)
            digest = hashlib.sha256()
            for row in texts:
                digest.update(row.encode())
            result[table] = (len(rows), digest.hexdigest())
            if keep is not None:
                keep[table] = set(texts)
    return result


def written_rows(tables: list[str], kept: dict) -> dict[str, list[dict]]:
    """The rows of `tables` that are not in the baseline: what the request inserted or updated."""
    from django.db import connection

    written = {}
    with connection.cursor() as cursor:
        for table in tables:
            columns, rows = _rows(cursor, table)
            written[table] = [dict(zip(columns, r)) for r in rows if repr(r) not in kept.get(table, ())]
    return written


def stores_reference(written: dict[str, list[dict]], target_model, value: int, project_b: int) -> list[str]:
    """Where a written row points at `value` of `target_model`, or names project B: "table.column"."""
    from django.apps import apps
    from django.db import models

    from core.models import Project

    by_table = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    found = []
    for table, rows in written.items():
        model = by_table.get(table)
        if model is None:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            wanted = (value if field.related_model is target_model
                      else project_b if field.related_model is Project else None)
            if wanted is not None and any(row.get(field.column) == wanted for row in rows):
                found.append(f"{table}.{field.column}")
    return found


class Bodies:
    """Request bodies and query values from the OpenAPI schema."""

    def __init__(self, schema: dict, world: World, password: str):
        self.components = schema.get("components", {}).get("schemas", {})
        self.world = world
        self.password = password

    def resolve(self, node: dict) -> dict:
        for _ in range(10):
            if "$ref" in node:
                node = self.components[node["$ref"].rsplit("/", 1)[1]]
            elif "allOf" in node and len(node["allOf"]) == 1:
                node = node["allOf"][0]
            elif "oneOf" in node or "anyOf" in node:
                choices = [c for c in node.get("oneOf", node.get("anyOf", [])) if c.get("type") != "null"]
                node = choices[0] if choices else {}
            else:
                break
        return node

    def value(self, name: str, node: dict, project):
        node = self.resolve(node)
        kind = node.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), None)
        if kind == "array":
            item = self.value(name, node.get("items", {}), project)
            return [] if item is None else [item]
        reference = self.world.reference(name, project) if kind in ("integer", None) else None
        if reference is not None:
            return reference
        if "enum" in node:
            choices = [e for e in node["enum"] if e not in (None, "")]
            return choices[0] if choices else None
        now = dt.datetime.now(dt.timezone(dt.timedelta(hours=8)))
        # The end of a period after its start: names ending like _to / _end / until come later.
        later = any(w in name for w in ("end", "_to", "until", "due", "expires"))
        if kind == "string":
            fmt = node.get("format", "")
            if fmt == "date":
                return (now.date() + dt.timedelta(days=2 if later else 1)).isoformat()
            if fmt == "date-time":
                return (now + dt.timedelta(hours=3 if later else 1)).isoformat()
            if fmt == "time":
                return "09:00"
            if fmt == "binary":
                return None
            if "password" in name:
                return self.password
            text = "可靠性检查"
            return text[:node.get("maxLength", 200)] or "x"
        if kind == "integer":
            return max(int(node.get("minimum", 1)), 1)
        if kind == "number":
            return max(float(node.get("minimum", 1)), 1.0)
        if kind == "boolean":
            return any(w in name for w in ("confirm", "consent", "agree", "made", "ok"))
        if kind == "object" or "properties" in node:
            return self.body(node, project)
        return None

    def body(self, node: dict, project, *, every_field: bool = False) -> dict:
        """Required fields and references; with every_field, the optional ones too (a service may need a
        field the schema leaves optional, e.g. a key's name on a loan application)."""
        node = self.resolve(node)
        required = set(node.get("required", []))
        out = {}
        for name, prop in node.get("properties", {}).items():
            prop_resolved = self.resolve(prop)
            if prop_resolved.get("readOnly"):
                continue
            referencing = name in REFERENCES or name in PEOPLE
            if name not in required and not referencing and not every_field:
                continue
            value = self.value(name, prop, project)
            if value is not None:
                out[name] = value
        return out

    def references(self, body: dict) -> list[str]:
        return [k for k in body if (k in REFERENCES or k in PEOPLE)]


def _api_model(path: str):
    """The model a route's viewset serves (queryset or serializer), or the matrix's entry."""
    from django.urls import Resolver404, resolve

    from tests import authz_matrix as matrix

    try:
        match = resolve(path)
    except Resolver404:
        return None
    from django.apps import apps

    if match.url_name in matrix.API_MODELS:
        return apps.get_model(matrix.API_MODELS[match.url_name])
    cls = getattr(match.func, "cls", None)
    if cls is None:
        return None
    queryset = getattr(cls, "queryset", None)
    if queryset is not None:
        return queryset.model
    meta = getattr(getattr(cls, "serializer_class", None), "Meta", None)
    model = getattr(meta, "model", None)
    if model is None:
        try:
            view = cls()
            view.action, view.kwargs, view.format_kwarg = "list", {}, None
            view.request = None
            return view.get_serializer_class().Meta.model
        except Exception:  # noqa: BLE001 — a viewset that needs a real request to pick its serializer: no model known
            return None
    return model


def _resolver_api_routes() -> set[str]:
    """Every API route the URL resolver knows, as a schema-style template (/api/x/{id}/)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    found = set()

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                path = "/" + prefix + str(pattern.pattern)
                if not path.startswith("/api/") or SKIP.match(path):
                    continue
                path = re.sub(r"\(\?P<(\w+)>[^)]*\)", r"{\1}", path)
                path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)
                path = path.replace("^", "").replace("$", "").replace("\\.", ".")
                if "{format}" in path or "(?P<format>" in path or path.endswith(".{format}"):
                    continue
                path = path.replace("{pk}", "{id}")
                found.add(path)

    walk(get_resolver().url_patterns)
    return found


def _leaks_in(data, world: World, model) -> list:
    """Records of project B shown in a JSON answer: any object naming project B, any listed row of B."""
    found = []

    def visit(node):
        if isinstance(node, dict):
            project = node.get("project")
            if project == world.b.pk or (isinstance(project, dict) and project.get("id") == world.b.pk):
                found.append(node.get("id"))
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(data)
    if model is not None:
        items = data.get("results", data) if isinstance(data, dict) else data
        if isinstance(items, list):
            ids = [i.get("id") for i in items if isinstance(i, dict) and isinstance(i.get("id"), int)]
            for pk in ids:
                if world.owner_of(model, pk) == world.b.pk:
                    found.append(pk)
    return found


def _first_id(value):
    """The record id in a filled value: the value itself, or the first id in a list or in a list's object."""
    if isinstance(value, list) and value:
        value = value[0]
    if isinstance(value, dict):
        value = next((v for v in value.values() if isinstance(v, int) and not isinstance(v, bool)), None)
    return value


def fill(body: dict, route, pick) -> dict:
    """The schema's body with what the route table says (_authz_routes.py): fields set, fields left out."""
    body = dict(body)
    for name, spec in route.fields.items():
        body[name] = routes.value(spec, pick)
    for name in route.drop:
        body.pop(name, None)
    return {name: value for name, value in body.items() if value is not None}


def _refusal(username: str, status: int, data) -> str:
    """Why an own-project body was refused: the role, the status, the code and the first field errors."""
    if not isinstance(data, dict):
        return f"{username} {status}"
    said = data.get("details") or data.get("message") or ""
    return f"{username} {status} {data.get('code', '')} {json.dumps(said, ensure_ascii=False)[:300]}"


def walk(quick: bool, only: str = "") -> dict:
    from django.apps import apps
    from django.db import transaction
    from django.test import Client
    from drf_spectacular.generators import SchemaGenerator
    from rest_framework.renderers import JSONRenderer

    from core.models import User

    schema = json.loads(JSONRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    world = World()
    world.password = PASSWORD
    bodies = Bodies(schema, world, password=PASSWORD)
    actors = QUICK_ACTORS if quick else ACTORS
    # The walk's roles (staff of project A only), and the roles some routes need besides (the archivist files,
    # the general manager instructs; the route table names them). A route's own actor may be a member of both
    # projects (the company's general manager): the record in the URL is still project A's, and B's ids in the
    # body are B's staff and records, which A's record must refuse.
    extra = {name for route in routes.ROUTES.values() for name in route.actors} - set(ACTORS)
    everyone = {u.username: u for u in User.objects.filter(username__in=set(ACTORS) | extra)
                if u.pk in world.only_a or (u.username in extra
                                            and u.memberships.filter(project=world.a).exists())}
    users = [everyone[name] for name in actors if name in everyone]
    clients = {}
    for user in everyone.values():
        clients[user.pk] = Client(raise_request_exception=False)
        clients[user.pk].force_login(user)
    # Taken after the sign-ins: every request below is compared with exactly this state.
    kept: dict = {}
    baseline = snapshot(kept)
    changed_tables: dict[str, int] = {}
    stats = {"operations": 0, "requests": 0, "leaks": 0, "changed_on_refusal": 0, "server_errors": 0,
             "changed_on_read": 0, "foreign_ids_ignored": 0,
             "body_routes": 0, "body_routes_valid": 0, "foreign_bodies": 0, "list_routes": 0,
             "filters_tried": 0, "uncovered": [], "invalid_routes": {}}
    details: list[str] = []
    leaks: list[str] = []
    walked: set[str] = set()

    def send(client, method: str, url: str, body=None, watch=None):
        """One request in a transaction rolled back afterwards; (status, json or None, tables changed).
        With `watch` = (model, id): also where the written rows point at that record or at project B."""
        with transaction.atomic():
            if method == "GET":
                response = client.get(url)
            else:
                response = getattr(client, method.lower())(url, data=json.dumps(body or {}),
                                                           content_type="application/json")
            after = snapshot()
            changed = [t for t in after if after[t] != baseline.get(t)]
            if watch is not None:
                watch.extend(stores_reference(written_rows(changed, kept), watch[0], watch[1], world.b.pk))
                del watch[:2]
            transaction.set_rollback(True)
        for table in changed:
            changed_tables[table] = changed_tables.get(table, 0) + 1
        stats["requests"] += 1
        try:
            data = json.loads(response.content) if response.get("Content-Type", "").startswith(
                "application/json") else None
        except ValueError:
            data = None
        if response.status_code >= 500:
            stats["server_errors"] += 1
            details.append(f"{method} {url} -> {response.status_code}")
        return response.status_code, data, changed

    for path, operations in schema["paths"].items():
        if SKIP.match(path) or (only and not re.search(only, path)):
            continue
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            method = method.upper()
            stats["operations"] += 1
            url, model = path, None
            route = routes.ROUTES.get((method, path), routes.Route())
            if "{" in path:
                probe_url = re.sub(r"\{\w+\}", "1", path)
                model = _api_model(probe_url)
                # The record in the state the action needs (else the first one: the route is still walked).
                own = route.target(routes.Pick(world, world.a)) if route.target is not None else None
                if own is None and model is not None:
                    own = world.record(model._meta.label, world.a)
                if own is None:
                    stats["uncovered"].append(f"{method} {path}")
                    walked.add(path)
                    continue
                url = re.sub(r"\{\w+\}", str(own), path)
            else:
                model = _api_model(path)
            walked.add(path)
            if method == "GET":
                stats["list_routes"] += "{" not in path
                filters = [p["name"] for p in operation.get("parameters", []) if p.get("in") == "query"
                           and world.reference(p["name"], world.b) is not None]
                variants = [("", None)] + [(f"?{name}={world.reference(name, world.b)}", name) for name in filters]
                for user in users:
                    client = clients[user.pk]
                    for query, name in variants:
                        stats["filters_tried"] += name is not None
                        status, data, changed = send(client, "GET", url + query)
                        shown = _leaks_in(data, world, model) if 200 <= status < 300 and data is not None else []
                        if shown:
                            stats["leaks"] += 1
                            leaks.append(f"{user.username} GET {url}{query} -> {status}: shows project B's "
                                           f"{model._meta.label if model else 'records'} {shown[:5]}")
                        if changed:
                            stats["changed_on_read"] += 1
                            details.append(f"{user.username} GET {url}{query} -> {status} changed rows: {changed}")
                continue
            request_schema = (operation.get("requestBody", {}).get("content", {}).get("application/json", {})
                              .get("schema", {}))
            candidates = ([bodies.body(request_schema, world.a), bodies.body(request_schema, world.a, every_field=True)]
                          if request_schema else [{}])
            own_pick = routes.Pick(world, world.a, own if "{" in path else None)
            foreign_pick = routes.Pick(world, world.b, own if "{" in path else None)
            candidates = [fill(candidate, route, own_pick) for candidate in candidates]
            references = bodies.references(candidates[-1])
            stats["body_routes"] += bool(references)
            valid, refusals = False, []
            route_users = users + [everyone[name] for name in route.actors
                                   if name in everyone and everyone[name] not in users]
            for user in route_users:
                client = clients[user.pk]
                own_body = candidates[0]
                if references:
                    # The body this role's own-project request passes with (else the first): B's ids go in it.
                    for candidate in candidates:
                        status, data, changed = send(client, method, url, candidate)
                        if 200 <= status < 300:
                            own_body, valid = candidate, True
                            break
                        refusals.append(_refusal(user.username, status, data))
                for name in references:
                    if name not in own_body:
                        continue
                    foreign = dict(own_body)
                    value = (routes.value(route.fields[name], foreign_pick) if name in route.fields
                             else world.reference(name, world.b))
                    if value is None:
                        continue
                    if name in route.fields:  # shaped by the route table already (B's record of the same kind)
                        foreign[name] = value
                        value = _first_id(value)
                    else:
                        foreign[name] = [value] if isinstance(own_body[name], list) else value
                    stats["foreign_bodies"] += 1
                    target = User if name in PEOPLE else apps.get_model(REFERENCES[name])
                    watch = [target, value]
                    status, data, changed = send(client, method, url, foreign, watch)
                    if 200 <= status < 300 and watch:
                        # Accepted, and a row it wrote points at project B's record (or at project B).
                        stats["leaks"] += 1
                        leaks.append(f"{user.username} {method} {url} with project B's {name}={value} -> {status},"
                                     f" stored in {watch}")
                    elif 200 <= status < 300:
                        # Accepted, but B's id was not used (a free-text field, a field this action ignores).
                        stats["foreign_ids_ignored"] += 1
                        details.append(f"{user.username} {method} {url} with project B's {name}={value} -> {status},"
                                       " the id is stored nowhere")
                    elif changed:
                        stats["changed_on_refusal"] += 1
                        details.append(f"{user.username} {method} {url} with project B's {name}={value} -> {status}"
                                       f" refused, yet rows changed: {changed}")
                if not references:
                    # No reference in the body: the route is still walked (own object, empty or plain body).
                    status, data, changed = send(client, method, url, own_body)
            stats["body_routes_valid"] += bool(references) and valid
            if references and not valid:
                stats["invalid_routes"][f"{method} {path}"] = refusals
    resolver = _resolver_api_routes()
    stats["routes"] = len(walked)
    stats["resolver_routes"] = len(resolver)
    stats["unwalked"] = sorted(resolver - walked)
    stats["actors"] = [u.username for u in users]
    stats["changed_tables"] = changed_tables
    stats["details"] = leaks + details[:60]
    return stats


PASSWORD = os.environ.get("PROPDESK_DEMO_PASSWORD", "demo-pass-2026")


def main() -> int:
    report = sys.argv[1]
    quick = "--quick" in sys.argv
    only = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--only=")), "")
    django.setup()
    stats = walk(quick, only)
    with open(report, "w", encoding="utf-8") as handle:
        json.dump(stats, handle, ensure_ascii=False, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
