"""`make serve`: gunicorn's arbiter starts the print worker beside the outbox sender once the
server is ready, and stops both when it exits (the real run: tests/test_serving.py)."""

import importlib.util
from pathlib import Path

CONFIG = Path(__file__).resolve().parent.parent.parent / "gunicorn.conf.py"


class FakeProcess:
    def __init__(self, command: list[str]) -> None:
        self.command, self.pid, self.stopped = command, 4242, False

    def terminate(self) -> None:
        self.stopped = True

    def wait(self, _timeout: float | None = None) -> int:
        return 0


class Log:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def info(self, line: str) -> None:
        self.lines.append(line)


class Server:
    def __init__(self) -> None:
        self.log = Log()


def _load(monkeypatch):
    monkeypatch.setenv("VISITS_PRINT_RENDERING", "thread")  # put back after the test
    spec = importlib.util.spec_from_file_location("gunicorn_conf_under_test", CONFIG)
    assert spec is not None and spec.loader is not None
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    started: list[FakeProcess] = []

    def popen(command: list[str]) -> FakeProcess:
        started.append(FakeProcess(command))
        return started[-1]

    monkeypatch.setattr(conf.subprocess, "Popen", popen)
    return conf, started


def test_the_print_worker_runs_beside_the_outbox_sender(monkeypatch):
    monkeypatch.delenv("VISITS_PRINT_WORKER", raising=False)
    monkeypatch.delenv("VISITS_OUTBOX_SENDER", raising=False)
    conf, started = _load(monkeypatch)
    server = Server()

    conf.when_ready(server)
    conf.on_exit(server)

    assert [process.command[-3:] for process in started] == [
        ["outbox", "send", "--loop"],
        ["prints", "work", "--loop"],
    ]
    assert all(process.stopped for process in started)
    assert "Print worker stopped" in server.log.lines


def test_the_print_worker_can_be_left_out(monkeypatch):
    monkeypatch.setenv("VISITS_PRINT_WORKER", "off")
    conf, started = _load(monkeypatch)
    server = Server()

    conf.when_ready(server)

    assert [process.command[-3:] for process in started] == [["outbox", "send", "--loop"]]
    assert "Print worker off (VISITS_PRINT_WORKER=off)" in server.log.lines
    conf.on_exit(server)
