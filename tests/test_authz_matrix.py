"""Every page and API endpoint × every role of another project × an object of the first project:
refused, nothing changed, no server error (ASVS 4.2.1; CORE-1). Also run by `make reliability`
(check `authz`), which reads the counts this test writes to $AUTHZ_REPORT."""
from __future__ import annotations

import io
import json
import os
import re
from collections import deque

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from core.attachment_views import ATTACHABLE
from core.models import AuditEvent, Membership, Project, User
from tests import authz_matrix as matrix

OBJECT_PARAMS = re.compile(r"<(?:int|id|str|path):(\w+)>|\(\?P<(\w+)>")
MISSING_PK = 987654321


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")
            yield prefix + str(pattern.pattern), name, pattern


def _project_path(model) -> str | None:
    """The shortest chain of foreign keys from `model` to Project (breadth first, three hops at most)."""
    queue = deque([(model, "")])
    seen = {model}
    while queue:
        current, path = queue.popleft()
        for field in current._meta.get_fields():
            if not isinstance(field, models.ForeignKey) and not isinstance(field, models.OneToOneField):
                continue
            target = field.related_model
            step = f"{path}__{field.name}" if path else field.name
            if target is Project:
                return step
            if target not in seen and step.count("__") < 2:
                seen.add(target)
                queue.append((target, step))
    return None


def _object_of(model, project):
    path = _project_path(model)
    assert path, f"{model._meta.label} has no way to its project"
    return model.objects.filter(**{path: project}).order_by("pk").first()


def _url(path_template: str, values: dict) -> str:
    def fill(match):
        name = match.group(1) or match.group(2)
        return str(values[name])
    path = OBJECT_PARAMS.sub(fill, path_template)
    path = path.replace("^", "").replace("$", "")
    return "/" + path


def _methods(pattern) -> list[str]:
    actions = getattr(pattern.callback, "actions", None)
    if actions:
        return sorted(m.upper() for m in actions)
    return ["GET", "POST"]


def _refused(status: int, response) -> bool:
    if status in matrix.DENIED:
        return True
    if status in (301, 302):
        return "login" in response.get("Location", "")
    return False


def _cases(first: Project):
    """(label, method, url, url for a missing object or None, text that must not be shown or None)."""
    cases, unmapped, uncovered = [], [], []
    for path, name, pattern in _walk(get_resolver().url_patterns):
        params = [a or b for a, b in OBJECT_PARAMS.findall(path)]
        if not params or path.startswith(matrix.ADMIN_PREFIX):
            continue
        if name in matrix.NOT_OBJECTS:
            continue
        if name == "attachment-upload":
            for label, lookup in ATTACHABLE.items():
                obj = apps.get_model(label).objects.filter(**{lookup: first}).first()
                if obj is not None:
                    cases.append((f"{name}[{label}]", "POST", _url(path, {"label": label, "pk": obj.pk}),
                                  _url(path, {"label": label, "pk": MISSING_PK}), None))
            continue
        if name in matrix.TOKEN_PAGES:
            label, kwarg, field, shown = matrix.TOKEN_PAGES[name]
            obj = _object_of(apps.get_model(label), first)
            cases.append((name, "GET", _url(path, {kwarg: getattr(obj, field)}), None, str(getattr(obj, shown))))
            continue
        model = _api_model(pattern)
        if name in matrix.API_MODELS:
            model, extra = apps.get_model(matrix.API_MODELS[name]), {}
        elif model is not None:
            extra = {}
        elif name in matrix.PAGE_MODELS:
            label, extra = matrix.PAGE_MODELS[name]
            model = apps.get_model(label)
        else:
            unmapped.append(f"{name} ({path})")
            continue
        obj = _object_of(model, first)
        if obj is None:
            uncovered.append(f"{name}: the demo has no {model._meta.label} in the first project")
            continue
        for method in _methods(pattern):
            cases.append((name, method, _url(path, {"pk": obj.pk, **extra}),
                          _url(path, {"pk": MISSING_PK, **extra}), None))
    return cases, unmapped, uncovered


def _api_model(pattern):
    """A DRF route's model: its viewset's queryset, else its serializer's model."""
    view_cls = getattr(pattern.callback, "cls", None)
    if view_cls is None:
        return None
    queryset = getattr(view_cls, "queryset", None)
    if queryset is not None:
        return queryset.model
    serializer = getattr(view_cls, "serializer_class", None)
    meta = getattr(serializer, "Meta", None)
    return getattr(meta, "model", None)


def _admin_urls():
    urls = {"/" + p.replace("^", "").replace("$", "") for p, _, _ in _walk(get_resolver().url_patterns)
            if p.startswith(matrix.ADMIN_PREFIX) and not OBJECT_PARAMS.search(p)}
    return sorted(urls - matrix.ADMIN_PUBLIC)


@pytest.mark.django_db
@pytest.mark.req("CORE-1")
def test_no_role_of_another_project_reaches_an_object_of_this_one(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo_data", stdout=io.StringIO())
    first, second = Project.objects.order_by("pk")[:2]
    both = Membership.objects.filter(project=first).values("user")
    outsiders = list(User.objects.filter(memberships__project=second).exclude(pk__in=both).distinct().order_by("pk"))
    roles = {m.role for m in Membership.objects.filter(user__in=outsiders)}
    assert len(roles) >= 10, roles

    cases, unmapped, uncovered = _cases(first)
    assert not unmapped, "routes missing from tests/authz_matrix.py:\n" + "\n".join(unmapped)
    failures, count = [], 0
    for user in outsiders:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for label, method, url, missing_url, secret in cases:
            events = AuditEvent.objects.count()
            call = getattr(client, method.lower())
            if secret is not None:
                response = call(url, follow=True)
            elif method == "GET":
                response = call(url)
            else:
                response = call(url, content_type="application/json", data={})
            count += 1
            status = response.status_code
            ok = _refused(status, response)
            if secret is not None and status == 200:
                ok = secret not in response.content.decode()
            if not ok and status == 400 and missing_url:
                ok = getattr(client, method.lower())(missing_url, content_type="application/json",
                                                     data={}).status_code == 400
            if AuditEvent.objects.count() != events:
                ok = False
            if not ok:
                failures.append(f"{user.username} {method} {url} [{label}] -> {status}")
        for url in _admin_urls():
            response = client.get(url)
            count += 1
            if not _refused(response.status_code, response):
                failures.append(f"{user.username} GET {url} [admin] -> {response.status_code}")
    report = os.environ.get("AUTHZ_REPORT")
    if report:
        with open(report, "w") as handle:
            json.dump({"authz_cases": count, "authz_failures": len(failures), "roles": sorted(roles),
                       "routes": len({c[0] for c in cases}), "authz_uncovered": uncovered,
                       "first_failures": failures[:20]}, handle)
    assert not failures, f"{len(failures)} of {count} cases reached another project's object:\n" + "\n".join(
        failures[:40])
