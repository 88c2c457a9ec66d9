"""Unsafe defaults (issue 14, finding 7): the public development secret is announced loudly and refused in
production, the ID-number key is never derived from it there, the demo refuses to load in production, and
the API schema and docs need a login in production. Every environment here is built by the test."""
from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.checks import Error, Warning
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client

from core import checks, crypto
from core.demo import build_world
from core.errors import NotAllowed
from core.key_safety import DEV_SECRET, key_problems
from core.models import Company, Project, Resident, User

ROOT = Path(django_settings.BASE_DIR)
REAL_SECRET = "s" * 10 + "0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMN"
REAL_FIELD_KEY = "a-separate-passphrase-for-id-numbers-2027"
REAL_AUDIT_KEY = "audit-" + "b" * 40  # production needs the audit chain's key too (core/audit_keys.py)


@pytest.fixture
def settings_in(tmp_path):
    """settings_in(env, show) imports config.settings in a fresh process with exactly this environment (nothing
    of the developer's) and prints `SETTINGS <show>`."""

    def run(environment: dict, show: str = "s.SECRET_KEY == s.DEV_SECRET") -> subprocess.CompletedProcess:
        env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "PROPDESK_VAR_DIR": str(tmp_path),
               "DJANGO_STATIC_ROOT": str(tmp_path / "static"), **environment}
        return subprocess.run([sys.executable, "-c", f"import config.settings as s; print('SETTINGS', {show})"],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)

    return run


@pytest.mark.req("CORE-6")
def test_production_refuses_to_start_without_its_own_secret_and_field_key(settings_in):
    bare = settings_in({"PROPDESK_ENV": "production"})
    assert bare.returncode != 0 and "ImproperlyConfigured" in bare.stderr
    assert "DJANGO_SECRET_KEY" in bare.stderr and "PROPDESK_FIELD_KEY" in bare.stderr
    dev_secret = settings_in({"PROPDESK_ENV": "production", "DJANGO_SECRET_KEY": DEV_SECRET,
                               "PROPDESK_FIELD_KEY": REAL_FIELD_KEY})
    assert dev_secret.returncode != 0 and "DJANGO_SECRET_KEY" in dev_secret.stderr
    same_key = settings_in({"PROPDESK_ENV": "production", "DJANGO_SECRET_KEY": REAL_SECRET,
                             "PROPDESK_FIELD_KEY": REAL_SECRET})
    assert same_key.returncode != 0 and "a key of its own" in same_key.stderr
    good = settings_in({"PROPDESK_ENV": "production", "DJANGO_SECRET_KEY": REAL_SECRET,
                         "PROPDESK_FIELD_KEY": REAL_FIELD_KEY, "PROPDESK_AUDIT_KEY": REAL_AUDIT_KEY,
                         "DJANGO_ALLOWED_HOSTS": "propdesk.example.com"})
    assert good.returncode == 0 and "SETTINGS False" in good.stdout


@pytest.mark.req("CORE-6")
def test_development_starts_on_the_public_secret_and_the_checks_say_so_loudly(settings, settings_in):
    development = settings_in({})
    assert development.returncode == 0 and "SETTINGS True" in development.stdout
    settings.SECRET_KEY = DEV_SECRET
    found = checks.development_secret_in_use()
    assert [(type(w), w.id) for w in found] == [(Warning, "propdesk.W001")]
    settings.SECRET_KEY = REAL_SECRET
    assert checks.development_secret_in_use() == []


@pytest.mark.req("CORE-6")
def test_check_deploy_fails_on_development_keys_and_passes_on_real_ones(settings):
    settings.PRODUCTION, settings.SECRET_KEY, settings.FIELD_ENCRYPTION_KEY = True, DEV_SECRET, ""
    assert {e.id for e in checks.deployment_keys()} == {"propdesk.E001"}
    assert all(isinstance(e, Error) for e in checks.deployment_keys()) and len(checks.deployment_keys()) == 2
    settings.SECRET_KEY, settings.FIELD_ENCRYPTION_KEY = REAL_SECRET, REAL_FIELD_KEY
    assert checks.deployment_keys() == []
    settings.PRODUCTION = False
    assert [e.id for e in checks.deployment_keys()] == ["propdesk.E001"]  # not a production configuration


@pytest.mark.req("CORE-6")
def test_key_problems_name_each_missing_or_shared_key():
    assert len(key_problems(secret_key="", field_key="")) == 2
    assert len(key_problems(secret_key="short", field_key=REAL_FIELD_KEY)) == 1
    assert key_problems(secret_key=REAL_SECRET, field_key=DEV_SECRET) != []
    assert key_problems(secret_key=REAL_SECRET, field_key=REAL_FIELD_KEY) == []


@pytest.mark.req("CORE-3")
def test_production_never_derives_the_id_number_key_from_the_secret_key(settings):
    settings.PRODUCTION, settings.SECRET_KEY, settings.FIELD_ENCRYPTION_KEY = True, REAL_SECRET, ""
    with pytest.raises(ImproperlyConfigured):
        crypto.encrypt_text("110105198001011234")
    with pytest.raises(ImproperlyConfigured):
        crypto.digest("110105198001011234")
    settings.FIELD_ENCRYPTION_KEY = REAL_FIELD_KEY
    token = crypto.encrypt_text("110105198001011234")
    assert crypto.decrypt_text(token) == "110105198001011234"
    settings.FIELD_ENCRYPTION_KEY = ""
    settings.PRODUCTION = False  # a key derived from SECRET_KEY no longer opens it
    with pytest.raises(ValueError):
        crypto.decrypt_text(token)


@pytest.mark.req("CORE-3")
def test_development_data_encrypted_with_the_derived_key_stays_readable(settings):
    settings.PRODUCTION, settings.SECRET_KEY, settings.FIELD_ENCRYPTION_KEY = False, DEV_SECRET, ""
    token = crypto._fernet(DEV_SECRET).encrypt(b"110105198001011234").decode()  # as written before this change
    assert crypto.decrypt_text(token) == "110105198001011234"


@pytest.mark.req("CORE-6")
@pytest.mark.django_db
def test_demo_data_refuses_in_production_and_creates_nothing(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError) as refused:
        call_command("demo_data", stdout=io.StringIO())
    assert "production" in str(refused.value)
    with pytest.raises(NotAllowed) as err:
        build_world(password="anything")
    assert err.value.code == "demo_in_production"
    assert (User.objects.count(), Company.objects.count(), Project.objects.count(), Resident.objects.count()) == (0, 0, 0, 0)


@pytest.mark.req("CORE-6")
def test_api_schema_and_docs_need_a_login_when_so_set(users, settings):
    settings.API_DOCS = "login"
    visitor = Client()
    schema = visitor.get("/api/schema/")
    assert schema.status_code == 401 and b"not_authenticated" in schema.content
    docs = visitor.get("/api/docs/")
    assert docs.status_code == 302 and docs["Location"].startswith("/accounts/login/")
    member = Client()
    member.force_login(users["kefu1"])
    assert member.get("/api/schema/").status_code == 200
    page = member.get("/api/docs/")
    assert page.status_code == 200 and "<script>" not in page.content.decode()
    assert "script-src 'self';" in page["Content-Security-Policy"]
    assert member.get("/api/docs/?script=").status_code == 200  # Swagger UI's start-up script, as a file


@pytest.mark.req("CORE-6")
def test_api_schema_and_docs_can_be_switched_off_or_left_public(users, settings):
    member = Client()
    member.force_login(users["kefu1"])
    settings.API_DOCS = "off"
    assert member.get("/api/schema/").status_code == 404 and member.get("/api/docs/").status_code == 404
    settings.API_DOCS = "public"
    assert Client().get("/api/schema/").status_code == 200 and Client().get("/api/docs/").status_code == 200


@pytest.mark.req("CORE-6")
def test_production_defaults_the_api_docs_to_login(settings_in):
    production = settings_in({"PROPDESK_ENV": "production", "DJANGO_SECRET_KEY": REAL_SECRET,
                              "PROPDESK_FIELD_KEY": REAL_FIELD_KEY, "PROPDESK_AUDIT_KEY": REAL_AUDIT_KEY},
                             show="s.API_DOCS")
    assert production.returncode == 0 and "SETTINGS login" in production.stdout
    assert "SETTINGS public" in settings_in({}, show="s.API_DOCS").stdout
