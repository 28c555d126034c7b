"""A throwaway PostgreSQL server for the tests: Debian's initdb and pg_ctl, a cluster in a temporary
folder, trust authentication on 127.0.0.1 and a free port, fsync off. PostgreSQL refuses to run as
root, so under root (CI, containers) the server runs as the unprivileged `postgres` user that
Debian's package creates. `conftest.py` starts one per session and gives each test its own database.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

USER = "eventwire"


class Unavailable(Exception):
    """No PostgreSQL server binaries on this machine (the reason says what was looked for)."""


def find_bindir() -> Path:
    """The newest /usr/lib/postgresql/N/bin holding initdb and pg_ctl; then `pg_config --bindir`.
    Not whatever `pg_ctl` is first on PATH: on Debian that is a wrapper (pg_ctlcluster)."""
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    found.sort(key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0, reverse=True)
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False).stdout.strip()
        if out:
            found.append(Path(out))
    for bindir in found:
        if (bindir / "initdb").exists() and (bindir / "pg_ctl").exists():
            return bindir
    raise Unavailable("PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb, pg_ctl); "
                      "install Debian's `postgresql` package (`make sysdeps`)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """One running cluster; `database()` creates a fresh, empty database and returns its URL."""

    def __init__(self, root: Path, bindir: Path, port: int, as_user: list[str]) -> None:
        self.root, self.bindir, self.port, self._as_user = root, bindir, port, as_user
        self._names = itertools.count(1)

    @property
    def data(self) -> Path:
        return self.root / "data"

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{dbname}"  # SQLAlchemy 2.1: psycopg 3

    def database(self, prefix: str = "t") -> str:
        name = f"{prefix}{os.getpid()}_{next(self._names)}"
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user={USER} dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # from template1: UTF8, empty; ~15 ms
        return self.url(name)

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self._as_user, *args], cwd=self.root, capture_output=True, text=True,
                              timeout=timeout, check=False)

    def stop(self) -> None:
        try:
            self.run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start() -> Server:
    """initdb and start a cluster; raise Unavailable without binaries, RuntimeError if it will not start."""
    bindir = find_bindir()
    as_root = os.geteuid() == 0
    root = Path(tempfile.mkdtemp(prefix="eventwire-pg-", dir="/tmp" if as_root else None))  # reachable by postgres
    as_user: list[str] = []
    if as_root:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root, ignore_errors=True)
            raise Unavailable("running as root and there is no `postgres` user to run the server as") from None
        os.chown(root, owner.pw_uid, owner.pw_gid)
        if shutil.which("runuser"):
            as_user = ["runuser", "-u", "postgres", "--"]
        else:
            as_user = ["setpriv", f"--reuid={owner.pw_uid}", f"--regid={owner.pw_gid}", "--init-groups", "--"]
    server = Server(root, bindir, _free_port(), as_user)
    init = server.run(str(bindir / "initdb"), "-D", str(server.data), "-U", USER, "-A", "trust", "-E", "UTF8",
                      "--locale=C", "--no-sync", "--no-instructions")
    if init.returncode:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {init.stderr or init.stdout}")
    options = (f"-c listen_addresses=127.0.0.1 -p {server.port} -k {root} -c fsync=off -c synchronous_commit=off "
               "-c full_page_writes=off -c max_connections=200 -c timezone=Asia/Kolkata")  # not UTC: eventwire sets it
    for _ in range(3):  # the port may be taken between choosing and binding it
        started = server.run(str(bindir / "pg_ctl"), "-D", str(server.data), "-l", str(root / "server.log"),
                             "-w", "-t", "60", "-o", options, "start")
        if started.returncode == 0:
            return server
        log = (root / "server.log").read_text(errors="replace") if (root / "server.log").exists() else ""
        if "already in use" not in log:
            break
        options = options.replace(f"-p {server.port}", f"-p {(port := _free_port())}")
        server.port = port
    shutil.rmtree(root, ignore_errors=True)
    raise RuntimeError(f"pg_ctl start failed: {started.stderr or started.stdout}\n{log[-2000:]}")
