"""The peer: django-helpdesk, the Django ticketing app a company could pick instead (issue 17).

The bench installs it into its own virtualenv under var/peer/ — never a dependency of the product — writes a
minimal site for it there, migrates it into its own PostgreSQL database on the same server, fills it with as many
tickets as PropDesk's project has repairs, and serves it with gunicorn under the same settings as PropDesk.
Both use a cheap password hasher and no mail is sent (helpdesk's mail goes to a dummy backend; PropDesk's
notifications wait in the outbox), so what is compared is the work of each request.

  python -m bench.peer setup --tickets 50000      install (once) and seed; prints a JSON plan
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "var" / "peer"
VENV = PEER / "venv"
SITE = PEER / "site"
PY = VENV / "bin" / "python"
REQUIREMENTS = ["django-helpdesk==2.6.1", "Django>=5.2,<5.3", "gunicorn>=23,<24", "psycopg[binary]>=3.2,<4",
                "dj-database-url>=2.2,<4"]
PASSWORD = "peer-pass-2026"
WORKING_SET = 4000  # open tickets the follow-up load changes

SETTINGS = '''\
import dj_database_url, os
SECRET_KEY = "bench-peer-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
                  "django.contrib.sessions", "django.contrib.messages", "django.contrib.staticfiles",
                  "django.contrib.sites", "django.contrib.humanize", "rest_framework", "helpdesk"]
MIDDLEWARE = ["django.middleware.security.SecurityMiddleware", "django.contrib.sessions.middleware.SessionMiddleware",
              "django.middleware.common.CommonMiddleware", "django.middleware.csrf.CsrfViewMiddleware",
              "django.contrib.auth.middleware.AuthenticationMiddleware",
              "django.contrib.messages.middleware.MessageMiddleware"]
ROOT_URLCONF = "peer_site.urls"
TEMPLATES = [{"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True, "OPTIONS": {
    "context_processors": ["django.template.context_processors.request", "django.contrib.auth.context_processors.auth",
                           "django.contrib.messages.context_processors.messages"]}}]
DATABASES = {"default": dj_database_url.parse(os.environ["PEER_DATABASE_URL"], conn_max_age=600)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
TIME_ZONE = "Asia/Shanghai"
STATIC_URL = "/static/"
SITE_ID = 1
LOGIN_URL = "/helpdesk/login/"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
HELPDESK_TEAMS_MODE_ENABLED = False
HELPDESK_ACTIVATE_API_ENDPOINT = True
'''

URLS = '''\
from django.urls import include, path
urlpatterns = [path("helpdesk/", include("helpdesk.urls"))]
'''

WSGI = '''\
import os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer_site.settings")
from django.core.wsgi import get_wsgi_application
application = get_wsgi_application()
'''

SEED = '''\
import datetime as dt, json, sys
import django
django.setup()
from django.contrib.auth import get_user_model
from django.utils import timezone
from helpdesk.models import Queue, Ticket
tickets, password = int(sys.argv[1]), sys.argv[2]
User = get_user_model()
user, _ = User.objects.get_or_create(username="peer", defaults={"is_staff": True, "is_superuser": True})
user.set_password(password)
user.save()
queue, _ = Queue.objects.get_or_create(slug="bench", defaults={"title": "Repairs", "allow_public_submission": True})
now = timezone.now()
step = dt.timedelta(days=3 * 365) / max(tickets, 1)
rows, batch = [], 5000
for n in range(tickets):
    at = now - step * (tickets - n)
    rows.append(Ticket(title=f"灯不亮 {n}", queue=queue, created=at, modified=at, submitter_email="r@example.com",
                       description="1栋大堂 灯不亮", status=Ticket.CLOSED_STATUS, priority=3))
    if len(rows) == batch:
        Ticket.objects.bulk_create(rows); rows = []
opened = []
for n in range(%d):
    rows.append(Ticket(title=f"open {n}", queue=queue, created=now, modified=now, submitter_email="r@example.com",
                       description="1栋大堂 灯不亮", status=Ticket.OPEN_STATUS, priority=3))
Ticket.objects.bulk_create(rows)
working = list(Ticket.objects.filter(status=Ticket.OPEN_STATUS).order_by("pk").values_list("pk", flat=True))
print(json.dumps({"queue": queue.pk, "tickets": working, "user": "peer", "password": password}))
''' % WORKING_SET


def _site_env(database_url: str) -> dict:
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="peer_site.settings", PEER_DATABASE_URL=database_url,
               PYTHONPATH=str(SITE))
    env.pop("DATABASE_URL", None)
    return env


def install() -> None:
    """The peer's own virtualenv (once; later runs reuse it)."""
    marker = VENV / ".installed"
    if marker.exists() and marker.read_text() == "\n".join(REQUIREMENTS):
        return
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    subprocess.run([str(PY), "-m", "pip", "install", "--quiet", *REQUIREMENTS], check=True)
    marker.write_text("\n".join(REQUIREMENTS))


def write_site() -> None:
    package = SITE / "peer_site"
    package.mkdir(parents=True, exist_ok=True)
    for name, text in (("__init__.py", ""), ("settings.py", SETTINGS), ("urls.py", URLS), ("wsgi.py", WSGI),
                       ("seed.py", SEED)):
        (package / name).write_text(text)


def setup(database_url: str, tickets: int) -> dict:
    install()
    write_site()
    env = _site_env(database_url)
    run = lambda *args: subprocess.run([str(PY), *args], cwd=SITE, env=env, check=True,
                                       capture_output=True, text=True).stdout
    run("-m", "django", "migrate", "--noinput")
    plan = json.loads(run("-m", "peer_site.seed", str(tickets), PASSWORD).strip().splitlines()[-1])
    return plan


def gunicorn_command(port: int, *, workers: int, threads: int, log: Path) -> tuple[list[str], Path]:
    return ([str(VENV / "bin" / "gunicorn"), "peer_site.wsgi", "--bind", f"127.0.0.1:{port}", "--workers",
             str(workers), "--threads", str(threads), "--worker-class", "gthread", "--keep-alive", "30",
             "--log-level", "warning", "--error-logfile", str(log)], SITE)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["setup"])
    parser.add_argument("--tickets", type=int, default=50_000)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/propdesk_peer")
    options = parser.parse_args()
    print(json.dumps(setup(options.database_url, options.tickets)))


if __name__ == "__main__":
    main()
