"""API keys never land on disk or screen; local servers listen on loopback only; model files are verified.

The key test is end to end: `interview-sim run` as a real process, keys from the
environment (a provider-shaped OPENAI_API_KEY and an INTERVIEW_SIM_LLM__API_KEY of
no recognisable shape) and from a TOML config file, against a real server on
127.0.0.1 that echoes the Authorization header back in its error message, as a
careless provider might. The server must have received the key (so it really
flowed), and then every byte the product wrote is scanned: the database (and its
WAL), the logs dir, the recovery dir, the md/html/json exports, stdout and stderr.
"""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fault_server import FaultServer

from simulator.config import Settings
from simulator.llm import embedded_model
from simulator.llm.embedded_model import DEFAULT_EMBEDDED, MODELS, EmbeddedModelError, ensure_embedded_model
from simulator.llm.local_server import LocalServer, serve
from simulator.store import browse

ANSWERS = "We built a ranking model and it went to production.\n\nI ran an A/B test and click-through rose 12%.\n"


@pytest.fixture(scope="module")
def echo_server() -> Iterator[FaultServer]:
    server = FaultServer().start()
    yield server
    server.stop()


def cli(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "simulator", "--data-dir", str(data_dir), *args]


def every_file(*roots: Path) -> Iterator[Path]:
    for root in roots:
        if root.is_file():
            yield root
        elif root.is_dir():
            yield from (p for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("source", ["env", "toml"])
def test_keys_never_reach_the_database_logs_exports_or_output(tmp_path: Path, echo_server: FaultServer, source: str) -> None:
    provider_key = "sk-test-" + secrets.token_hex(16)
    own_key = "zq" + secrets.token_hex(12)  # no provider shape: only its value can give it away
    env = {
        **os.environ,
        "INTERVIEW_SIM_MODELS_DIR": str(Settings().models_dir),
        "INTERVIEW_SIM_LLM__MODEL": f"openai/echoauth~{source}",
        "INTERVIEW_SIM_LLM__API_BASE": echo_server.api_base,
        "INTERVIEW_SIM_LLM__FALLBACK_TO_EMBEDDED": "false",
        "OPENAI_API_KEY": provider_key,
        "TMPDIR": str(tmp_path / "tmp"),
    }
    (tmp_path / "tmp").mkdir()
    if source == "env":
        env["INTERVIEW_SIM_LLM__API_KEY"] = own_key
    else:  # the config file is not the environment: `redact` cannot know this value by its variable name
        config = tmp_path / "config.toml"
        config.write_text(f'[llm]\napi_key = "{own_key}"\n')
        env["INTERVIEW_SIM_CONFIG"] = str(config)
    data = tmp_path / "data"
    answers = tmp_path / "answers.txt"
    answers.write_text(ANSWERS)

    # A fixed seed: the question drawn decides whether a follow-up goes through the model (a part of the question left
    # out is said as written), and this test needs one that does.
    run = subprocess.run(cli(data, "run", "--loop", "canva-mle", "--round", "hiring-manager", "--answers", str(answers), "--json",
                             "--seed", "1"), capture_output=True, text=True, env=env, timeout=180)  # fmt: skip
    assert run.returncode == 0, run.stderr
    calls = echo_server.calls(f"echoauth~{source}")
    assert calls and all(c.authorization == f"Bearer {own_key}" for c in calls), "the key never reached the provider"
    result = json.loads(run.stdout)
    assert result["fallbacks"] >= 1  # every follow-up failed with the echoed key in the error
    assert len(result["fallback_reasons"]) == result["fallbacks"] and "echoauth" in result["fallback_reasons"][0]  # said, masked below

    session = result["session_id"]
    outputs = [run.stdout, run.stderr]
    for fmt in ("md", "html", "json"):
        out = subprocess.run(cli(data, "export", session, "--format", fmt, "-o", str(tmp_path / "exports" / f"s.{fmt}")),
                             capture_output=True, text=True, env=env, timeout=60)  # fmt: skip
        assert out.returncode == 0, out.stderr
        outputs += [out.stdout, out.stderr]
    show = subprocess.run(cli(data, "show", session), capture_output=True, text=True, env=env, timeout=60)
    outputs += [show.stdout, show.stderr]

    files = list(every_file(data, tmp_path / "exports", tmp_path / "tmp"))
    names = {p.name for p in files}
    assert "interview-sim.db" in names and "interview-sim.log" in names and {"s.md", "s.html", "s.json"} <= names
    log = (data / "logs" / "interview-sim.log").read_text()
    assert "echoauth" in log and "invalid credentials: Bearer ****" in log  # the failure was logged, masked
    for key in (provider_key, own_key):
        for path in files:
            assert key.encode() not in path.read_bytes(), f"{key[:6]}... found in {path}"
        for text in outputs:
            assert key not in text


def test_model_server_refuses_any_address_but_loopback() -> None:
    for host in ("0.0.0.0", "::", "192.168.1.10", "example.com"):
        with pytest.raises(SystemExit, match="only listens on loopback"):
            serve(Path("/nonexistent.gguf"), host, 8999, "x", 1, 512)
    out = subprocess.run([sys.executable, "-m", "simulator.llm.local_server", "--model", "/nonexistent.gguf", "--port", "8999", "--host", "0.0.0.0"],
                         capture_output=True, text=True, timeout=60)  # fmt: skip
    assert out.returncode != 0 and "refusing to bind 0.0.0.0" in out.stderr


def _listening(port: int) -> list[str]:
    """Local addresses listening on `port`, from the kernel's own tables (IPv4 and IPv6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                found.append(address)
    return found


@pytest.mark.slow
def test_running_model_server_listens_on_127_0_0_1_only(tmp_path: Path) -> None:
    server = LocalServer(ensure_embedded_model(Settings().models_dir), alias="bind-check", threads=1, n_ctx=512, log_path=tmp_path / "s.log")
    server.start(timeout_s=120)
    try:
        assert _listening(server.port) == ["0100007F"]  # 127.0.0.1, nothing else, no IPv6 wildcard
        outside = [a for a in {socket.gethostbyname(socket.gethostname())} if not a.startswith("127.")]
        for address in outside:  # the machine's own non-loopback address must not answer
            with pytest.raises(OSError), socket.create_connection((address, server.port), timeout=1):
                pass
    finally:
        server.stop()


def test_browse_serves_on_loopback_and_offers_no_host_option() -> None:
    from click.testing import CliRunner

    from simulator.cli import main

    assert browse.HOST == "127.0.0.1"
    help_text = CliRunner().invoke(main, ["browse", "--help"]).output
    assert "--port" in help_text and "--host" not in help_text


def test_corrupted_embedded_model_is_refused_not_loaded(tmp_path: Path) -> None:
    """A file of the right size and the wrong bytes (sparse: no 0.5 GB written) fails the sha256 check."""
    models = tmp_path / "models"
    models.mkdir()
    fake = models / MODELS[DEFAULT_EMBEDDED].gguf_name
    with fake.open("wb") as handle:
        handle.truncate(MODELS[DEFAULT_EMBEDDED].size)
    with pytest.raises(EmbeddedModelError, match=r"sha256 is [0-9a-f]{64}, expected .*delete it to re-assemble"):
        ensure_embedded_model(models)
    assert not fake.with_suffix(fake.suffix + ".sha256").exists()  # never marked verified
    with fake.open("r+b") as handle:
        handle.truncate(1000)
    with pytest.raises(EmbeddedModelError, match="1,000 bytes, expected"):
        embedded_model.verify(fake)


@pytest.mark.slow
def test_run_with_a_corrupted_embedded_model_warns_and_uses_the_rubric_probes(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    with (models / MODELS[DEFAULT_EMBEDDED].gguf_name).open("wb") as handle:
        handle.truncate(MODELS[DEFAULT_EMBEDDED].size)
    answers = tmp_path / "answers.txt"
    answers.write_text(ANSWERS)
    env = {**os.environ, "INTERVIEW_SIM_MODELS_DIR": str(models), "INTERVIEW_SIM_LLM__MODEL": "embedded"}
    out = subprocess.run(cli(tmp_path / "data", "run", "--loop", "canva-mle", "--round", "hiring-manager", "--answers", str(answers), "--json"),
                         capture_output=True, text=True, env=env, timeout=180)  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    assert "embedded model is unavailable" in out.stderr and "sha256" in out.stderr
    follow_ups = [t for t in json.loads(out.stdout)["turns"] if t["kind"] == "follow_up"]
    assert follow_ups and all(t["text"].endswith("?") for t in follow_ups)
