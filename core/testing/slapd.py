"""A real OpenLDAP server for the directory sign-in tests: Debian's slapd on a free port of 127.0.0.1.

`Slapd.start(ldif)` writes a slapd.conf into a temporary folder (mdb database there, nothing of the machine's
own /etc/ldap configuration is read but its schema files), loads the LDIF with slapadd while the server is
down, starts slapd in the foreground on a free port and waits until it answers; `stop()` ends that one process
and removes the folder. `modify()` changes entries while it runs (as the root DN), as an IT department would.
"""
from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SUFFIX = "dc=propdesk,dc=test"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PASSWORD = "slapd-root-secret"
SCHEMA_DIR = Path("/etc/ldap/schema")
MODULE_DIR = Path("/usr/lib/ldap")

CONF = """\
include {schema}/core.schema
include {schema}/cosine.schema
include {schema}/inetorgperson.schema
include {schema}/nis.schema
modulepath {modules}
moduleload back_mdb
pidfile {tmp}/slapd.pid
argsfile {tmp}/slapd.args

database mdb
maxsize 16777216
suffix "{suffix}"
rootdn "{rootdn}"
rootpw {rootpw}
directory {tmp}/data
access to attrs=userPassword by self write by anonymous auth by * none
access to * by * read
"""


def binaries() -> tuple[str, str] | None:
    slapd = shutil.which("slapd") or ("/usr/sbin/slapd" if Path("/usr/sbin/slapd").exists() else None)
    slapadd = shutil.which("slapadd") or ("/usr/sbin/slapadd" if Path("/usr/sbin/slapadd").exists() else None)
    if slapd and slapadd and (SCHEMA_DIR / "inetorgperson.schema").exists():
        return slapd, slapadd
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Slapd:
    tmp: Path
    port: int
    process: subprocess.Popen

    @property
    def uri(self) -> str:
        return f"ldap://127.0.0.1:{self.port}"

    @classmethod
    def start(cls, ldif: str) -> Slapd:
        found = binaries()
        if found is None:
            raise FileNotFoundError("slapd not installed (apt-get install -y slapd ldap-utils)")
        slapd, slapadd = found
        tmp = Path(tempfile.mkdtemp(prefix="propdesk-slapd-"))
        (tmp / "data").mkdir()
        conf = tmp / "slapd.conf"
        conf.write_text(CONF.format(schema=SCHEMA_DIR, modules=MODULE_DIR, tmp=tmp, suffix=SUFFIX, rootdn=ROOT_DN,
                                    rootpw=ROOT_PASSWORD))
        (tmp / "seed.ldif").write_text(ldif)
        subprocess.run([slapadd, "-f", str(conf), "-l", str(tmp / "seed.ldif")], check=True, capture_output=True)
        for _ in range(3):  # a free port can be taken between asking and binding: try another
            port = _free_port()
            with open(tmp / "slapd.log", "ab") as log:
                process = subprocess.Popen([slapd, "-f", str(conf), "-h", f"ldap://127.0.0.1:{port}/", "-d", "0"],
                                           stdout=log, stderr=subprocess.STDOUT)
            server = cls(tmp=tmp, port=port, process=process)
            if server._wait_ready():
                return server
            server._end_process()
        log_text = (tmp / "slapd.log").read_text(errors="replace")[-2000:]
        shutil.rmtree(tmp, ignore_errors=True)
        raise RuntimeError(f"slapd did not start: {log_text}")

    def _wait_ready(self, seconds: float = 10.0) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return True
            except OSError:
                time.sleep(0.05)
        return False

    def _end_process(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)

    def stop(self) -> None:
        self._end_process()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def modify(self, dn: str, changes: list[tuple[int, str, list[bytes] | None]]) -> None:
        import ldap

        conn = ldap.initialize(self.uri)
        try:
            conn.simple_bind_s(ROOT_DN, ROOT_PASSWORD)
            conn.modify_s(dn, changes)
        finally:
            conn.unbind_s()
