"""A throwaway PostgreSQL server for the test run: its own data folder, a free port, fsync off.

PostgreSQL refuses to run as root, so when the tests run as root the server runs as
the `postgres` user. Without PostgreSQL on the machine the run fails loudly: a test
suite that quietly skips its second database proves nothing about it.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg


class PostgresUnavailable(RuntimeError):
    pass


def _find(binary: str) -> str:
    found = shutil.which(binary)
    if found:
        return found
    for root in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (root / binary).exists():
            return str(root / binary)
    raise PostgresUnavailable(
        f"PostgreSQL's `{binary}` is not installed: `make test` runs every test on SQLite and "
        "on PostgreSQL and cannot go on without it. Install the PostgreSQL server "
        "(Debian: apt-get install postgresql) and run `make test` again."
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PostgresServer:
    directory: Path
    port: int
    run_as: list[str]
    pg_ctl: str

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url_for(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.run_as, self.pg_ctl, "-D", str(self.directory / "data"), *args],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        self._ctl(
            "-w",
            "-l",
            str(self.directory / "server.log"),
            "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
            "start",
        )

    def stop(self) -> None:
        self._ctl("-w", "-m", "fast", "stop")

    def cleanup(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def _admin(self, *statements: str) -> None:
        with psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            for statement in statements:
                conn.execute(statement)

    def create_database(self, name: str, template: str | None = None) -> str:
        """A new database `name` (replacing one of that name), empty or a copy of `template`."""
        copy = f' TEMPLATE "{template}"' if template else ""
        self._admin(
            f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"{copy}'
        )
        return self.url_for(name)

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_postgres() -> PostgresServer:
    initdb, pg_ctl = _find("initdb"), _find("pg_ctl")
    run_as: list[str] = []
    directory = Path(tempfile.mkdtemp(prefix="visits-pg-"))
    if os.geteuid() == 0:
        run_as = ["runuser", "-u", "postgres", "--"]
        shutil.chown(directory, "postgres")
    try:
        subprocess.run(
            [
                *run_as,
                initdb,
                "-D",
                str(directory / "data"),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-locale",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    except subprocess.CalledProcessError as error:
        shutil.rmtree(directory, ignore_errors=True)
        message = error.stderr.decode(errors="replace")
        raise PostgresUnavailable(f"initdb failed: {message}") from None
    for attempt in range(5):
        server = PostgresServer(directory, _free_port(), run_as, pg_ctl)
        try:
            server.start()
            return server
        except subprocess.CalledProcessError:  # the port was taken meanwhile
            if attempt == 4:
                log = (directory / "server.log").read_text(errors="replace")[-2000:]
                shutil.rmtree(directory, ignore_errors=True)
                raise PostgresUnavailable(f"PostgreSQL did not start:\n{log}") from None
            time.sleep(0.5)
    raise AssertionError("unreachable")
