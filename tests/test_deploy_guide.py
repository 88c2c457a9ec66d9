"""The production guide's commands work (issue 22, "For IT"): deploy/README.md is read, and its `propdesk-manage`
lines are run as written (paths moved into a temporary folder) against a fresh PostgreSQL database in production
mode — check --deploy, migrate, collectstatic, the first administrator without demo data, the sweeps, a backup,
verify_audit — then the web unit's gunicorn command serves the sign-in page behind the proxy headers nginx sends.
Also: the files to copy name real commands, and `make run` prints the address it really serves (HOST_PORT)."""
from __future__ import annotations

import http.client
import re
import secrets
import shlex
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
GUIDE = DEPLOY / "README.md"
SCRIPT = "/opt/propdesk/deploy/bin/propdesk-manage"
HOST = "propdesk.example.com"


def _shell_blocks(text: str) -> list[str]:
    return re.findall(r"```sh\n(.*?)```", text, flags=re.DOTALL)


def guide_manage_lines() -> list[list[str]]:
    """Every `sudo -u propdesk [env K=V …] /opt/propdesk/deploy/bin/propdesk-manage …` line, as argv after sudo."""
    lines = []
    for block in _shell_blocks(GUIDE.read_text()):
        for line in block.splitlines():
            if line.startswith("sudo -u propdesk ") and SCRIPT in line:
                lines.append(shlex.split(line)[3:])
    return lines


def guide_settings() -> dict[str, str]:
    """The `KEY=value` block of section 2 ("set at least")."""
    for block in _shell_blocks(GUIDE.read_text()):
        if "PROPDESK_ENV=production" in block:
            return dict(line.split("=", 1) for line in block.splitlines() if "=" in line)
    raise AssertionError("the guide has no block of production settings")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- The files to copy --------------------------------------------------------------------------------------
def _management_commands() -> set[str]:
    return {p.stem for p in ROOT.glob("*/management/commands/*.py") if not p.stem.startswith("_")} | {
        "migrate", "collectstatic", "createsuperuser", "check"}


@pytest.mark.req("CORE-5")
def test_the_cron_lines_and_the_guide_name_commands_that_exist():
    cron = (DEPLOY / "cron" / "propdesk").read_text()
    used = re.findall(r"propdesk-manage (\w+)", cron)
    assert set(used) == {"relay_outbox", "run_sweeps", "backup", "verify_audit"}
    known = _management_commands()
    assert set(used) <= known
    assert {argv[argv.index(SCRIPT) + 1] for argv in guide_manage_lines()} <= known
    assert (DEPLOY / "bin" / "propdesk-manage").stat().st_mode & 0o111


def test_the_units_run_programs_of_the_virtualenv_and_nginx_sends_what_the_settings_trust():
    for unit in ("propdesk-web", "propdesk-worker", "propdesk-beat"):
        text = (DEPLOY / "systemd" / f"{unit}.service").read_text()
        assert "EnvironmentFile=/etc/propdesk/propdesk.env" in text and "User=propdesk" in text
        program = re.search(r"^ExecStart=(\S+)", text, flags=re.MULTILINE).group(1)
        assert program.startswith("/opt/propdesk/.venv/bin/")
        assert (ROOT / ".venv" / "bin" / Path(program).name).exists()
    nginx = (DEPLOY / "nginx" / "propdesk.conf").read_text()
    # DJANGO_BEHIND_PROXY=true: SECURE_PROXY_SSL_HEADER reads X-Forwarded-Proto, the lockout X-Forwarded-For
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in nginx
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in nginx
    assert "proxy_set_header Host $host;" in nginx
    static_root = guide_settings()["DJANGO_STATIC_ROOT"]
    assert f"alias {static_root.rstrip('/')}/;" in nginx
    assert guide_settings()["DJANGO_BEHIND_PROXY"] == "true"


# --- HOST_PORT -------------------------------------------------------------------------------------------
@pytest.mark.parametrize(("address", "url"), [
    ("127.0.0.1:8000", "http://127.0.0.1:8000"),
    ("0.0.0.0:8080", "http://127.0.0.1:8080"),
    ("9001", "http://127.0.0.1:9001"),
    ("192.168.1.20:8000", "http://192.168.1.20:8000"),
])
def test_the_demo_banner_prints_the_address_served(address, url):
    from core.management.commands.demo_data import served_url

    assert served_url(address) == url


def test_make_run_hands_host_port_to_the_banner_and_to_the_server():
    plan = subprocess.run(["make", "-n", "run", "HOST_PORT=0.0.0.0:8123"], cwd=ROOT, capture_output=True,
                          text=True, check=True).stdout
    assert "demo_data --address 0.0.0.0:8123" in plan
    assert "runserver 0.0.0.0:8123" in plan
    assert "HOST_PORT" in (ROOT / "README.md").read_text()


# --- The guide on PostgreSQL -----------------------------------------------------------------------------
@pytest.fixture
def fresh_database():
    """An empty PostgreSQL database beside the test database (same server and role), dropped afterwards."""
    import psycopg
    from django.conf import settings

    db = settings.DATABASES["default"]
    params = {"host": db.get("HOST") or "127.0.0.1", "port": db.get("PORT") or 5432, "user": db.get("USER"),
              "password": db.get("PASSWORD") or None, "dbname": "postgres", "autocommit": True}
    name = f"pd_deploy_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(**params) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    yield f"postgres://{db['USER']}{password}@{params['host']}:{params['port']}/{name}"
    with psycopg.connect(**params) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _env_file(tmp: Path, database_url: str) -> Path:
    """.env.example copied, then the guide's production settings, its paths moved under tmp (as the guide says)."""
    moved = {"/var/lib/propdesk": str(tmp / "var"), "/srv/propdesk-checkpoints": str(tmp / "checkpoints"),
             "/etc/propdesk": str(tmp / "etc")}
    (tmp / "etc").mkdir()
    (tmp / "etc" / "audit.key").write_text(secrets.token_hex(32))
    values = {}
    for key, value in guide_settings().items():
        for old, new in moved.items():
            value = value.replace(old, new)
        values[key] = value
    values["DJANGO_SECRET_KEY"] = secrets.token_urlsafe(50)
    values["PROPDESK_FIELD_KEY"] = secrets.token_urlsafe(40)
    values["DATABASE_URL"] = database_url
    values["DJANGO_ALLOWED_HOSTS"] = f"{HOST},127.0.0.1"
    assert not [v for v in values.values() if "<" in v], "a placeholder of the guide was left unfilled"
    env_file = tmp / "etc" / "propdesk.env"
    env_file.write_text((ROOT / ".env.example").read_text() + "\n" + "".join(f"{k}={v}\n" for k, v in values.items()))
    return env_file


def _run_guide_line(argv: list[str], env_file: Path, tmp: Path) -> subprocess.CompletedProcess:
    extra, i = {}, 0
    if argv[0] == "env":
        i = 1
        while "=" in argv[i]:
            key, value = argv[i].split("=", 1)
            extra[key] = secrets.token_urlsafe(24) if "<" in value else value
            i += 1
    assert argv[i] == SCRIPT
    args = [a.replace("/var/backups/propdesk", str(tmp / "backups")) for a in argv[i + 1:]]
    env = {"PATH": "/usr/local/bin:/usr/bin:/bin", "PROPDESK_ENV_FILE": str(env_file), "HOME": str(tmp), **extra}
    return subprocess.run([str(DEPLOY / "bin" / "propdesk-manage"), *args], env=env, cwd=tmp, capture_output=True, check=False,
                          text=True, timeout=600)


def _get(port: int, path: str, headers: dict) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers)
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


@pytest.mark.postgres_only
@pytest.mark.req("CORE-5")
@pytest.mark.req("CORE-7")
def test_the_guide_sets_up_a_fresh_database_and_serves_it_with_gunicorn(tmp_path, fresh_database):
    env_file = _env_file(tmp_path, fresh_database)
    (tmp_path / "backups").mkdir()
    ran = []
    for argv in guide_manage_lines():
        result = _run_guide_line(argv, env_file, tmp_path)
        assert result.returncode == 0, f"{shlex.join(argv)}\n{result.stdout}\n{result.stderr}"
        ran.append(argv[argv.index(SCRIPT) + 1])
    assert ran[:4] == ["check", "migrate", "collectstatic", "createsuperuser"]
    assert {"run_sweeps", "relay_outbox", "backup", "verify_audit"} <= set(ran)
    assert list((tmp_path / "var" / "static").rglob("*.css")), "collectstatic wrote nothing"
    assert list((tmp_path / "backups").glob("*.jsonl.gz"))
    assert list((tmp_path / "checkpoints").iterdir()), "verify_audit wrote no checkpoint"

    # Only the administrator: no demo data in production.
    import psycopg

    with psycopg.connect(fresh_database) as conn:
        users = conn.execute("SELECT username, is_superuser FROM core_user").fetchall()
    assert users == [("admin", True)]

    # The web unit's own command line, on a free port, with the environment file as systemd gives it.
    unit = (DEPLOY / "systemd" / "propdesk-web.service").read_text()
    command = shlex.split(re.search(r"^ExecStart=(.*)$", unit, flags=re.MULTILINE).group(1))
    command[0] = command[0].replace("/opt/propdesk", str(ROOT))
    port = _free_port()
    command[command.index("--bind") + 1] = f"127.0.0.1:{port}"
    command[command.index("--workers") + 1] = "1"
    log = (tmp_path / "gunicorn.log").open("w")
    server = subprocess.Popen(["sh", "-c", 'set -a; . "$0"; set +a; exec "$@"', str(env_file), *command],
                              cwd=ROOT, env={"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path)},
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        proxied = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "10.1.2.3"}
        deadline = time.monotonic() + 60
        while True:
            try:
                page = _get(port, "/accounts/login/", proxied)
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "gunicorn.log").read_text()
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.3)
        assert page.status == 200 and b"csrfmiddlewaretoken" in page.body
        assert "secure" in (page.getheader("Set-Cookie") or "").lower()
        plain = _get(port, "/accounts/login/", {"Host": HOST})  # not through the proxy: sent to https
        assert plain.status == 301 and plain.getheader("Location", "").startswith("https://")
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def test_the_environment_file_example_as_it_is_starts_the_app_with_the_defaults(tmp_path):
    """Every variable of .env.example is present and empty ("empty = default"): read as systemd's EnvironmentFile or
    `set -a; .` reads it, the app starts with the documented defaults (an empty number once stopped it)."""
    code = ("from django.conf import settings as s; print(s.DEBUG, s.LOGIN_LOCKOUT_THRESHOLD, s.SESSION_IDLE_TIMEOUT, "
            "s.ATTACHMENT_MAX_BYTES, s.AUTH_LDAP_SERVER_URI == '')")
    result = subprocess.run([str(DEPLOY / "bin" / "propdesk-manage"), "shell", "-c", code], cwd=tmp_path,
                            env={"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path),
                                 "PROPDESK_ENV_FILE": str(ROOT / ".env.example"),
                                 "PROPDESK_VAR_DIR": str(tmp_path)},
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == ["True", "5", "1800", "10485760", "True"]
