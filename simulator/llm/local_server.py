"""A local OpenAI-compatible server for a GGUF model (llama-cpp-python's own server app).

The embedded model runs in this separate process, not inside the app: a native
crash in llama.cpp then costs a fallback to canned probes instead of the
candidate's session, and litellm reaches it like any other OpenAI-compatible
server (`openai/<alias>` + `api_base`). The same module serves the remote-path
tests. It binds to loopback only.
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from ..cores import auto_threads

LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


class LocalServerError(Exception):
    """The local model server failed to start; the message includes its last log lines."""


def _patch_model_params() -> None:
    """Turn off llama.cpp's extra buffer types: on AMX CPUs they segfault in ggml_backend_amx_mul_mat.

    `Llama()` has no keyword for it, so wrap the default-params factory it calls.
    """
    import llama_cpp.llama_cpp as lib

    original = lib.llama_model_default_params
    if getattr(original, "_interview_sim_patched", False):
        return

    def default_params():  # type: ignore[no-untyped-def]
        params = original()
        if hasattr(params, "use_extra_bufts"):
            params.use_extra_bufts = False
        return params

    default_params._interview_sim_patched = True  # type: ignore[attr-defined]
    lib.llama_model_default_params = default_params


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve(model: Path, host: str, port: int, alias: str, threads: int, n_ctx: int) -> None:
    if host not in LOOPBACK_HOSTS:
        raise SystemExit(f"refusing to bind {host}: the model server only listens on loopback")
    _patch_model_params()
    import uvicorn
    from llama_cpp.server.app import create_app
    from llama_cpp.server.settings import ModelSettings, ServerSettings

    model_settings = ModelSettings(
        model=str(model),
        model_alias=alias,
        n_ctx=n_ctx,
        n_threads=threads,
        n_threads_batch=threads,
        n_batch=512,
        verbose=False,
    )
    # Requests queue instead of cutting each other off: a prefix-priming call must never
    # empty the follow-up that arrives right behind it.
    server_settings = ServerSettings(host=host, port=port, interrupt_requests=False)
    app = create_app(server_settings=server_settings, model_settings=[model_settings])
    uvicorn.run(app, host=host, port=port, log_level="warning")


class LocalServer:
    """Start, health-check and stop a model server subprocess on 127.0.0.1."""

    def __init__(
        self,
        model: Path,
        *,
        alias: str = "embedded",
        threads: int = 0,
        n_ctx: int = 4096,
        port: int | None = None,
        log_path: Path | None = None,
    ) -> None:
        self.model = model
        self.alias = alias
        self.threads = threads or auto_threads()
        self.n_ctx = n_ctx
        self.port = port or free_port()
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None
        self._log_handle = None

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self, timeout_s: float = 60.0) -> None:
        cmd = [
            sys.executable, "-m", "simulator.llm.local_server",
            "--model", str(self.model), "--port", str(self.port), "--alias", self.alias,
            "--threads", str(self.threads), "--n-ctx", str(self.n_ctx),
            "--parent-pid", str(os.getpid()),
        ]  # fmt: skip
        if self.log_path:
            self.log_path.parent.mkdir(parents=True, exist_ok=True)
            self._log_handle = self.log_path.open("ab")
        out = self._log_handle or subprocess.DEVNULL
        self.process = subprocess.Popen(cmd, stdout=out, stderr=out, stdin=subprocess.DEVNULL, start_new_session=True)
        atexit.register(self.stop)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise LocalServerError(f"model server exited with code {self.process.returncode}{self._log_tail()}")
            if self.healthy():
                return
            time.sleep(0.1)
        self.stop()
        raise LocalServerError(f"model server did not answer within {timeout_s:.0f} s{self._log_tail()}")

    def healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.api_base}/models", timeout=1.0) as response:
                return bool(json.load(response).get("data"))
        except (urllib.error.URLError, OSError, ValueError):
            return False

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL, as a crash would: used by fault tests."""
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=5)
            except (subprocess.TimeoutExpired, ProcessLookupError):
                self.kill()
        if self._log_handle:
            self._log_handle.close()
            self._log_handle = None

    def _log_tail(self) -> str:
        if not self.log_path or not self.log_path.is_file():
            return ""
        lines = self.log_path.read_text(errors="replace").splitlines()[-8:]
        return ":\n" + "\n".join(lines) if lines else ""


def exit_with_parent(parent_pid: int, interval_s: float = 0.5) -> None:
    """Exit when the app that started this server is gone, however it died.

    The server runs in its own session (so a Ctrl-C in the terminal does not reach it),
    which also means a SIGKILLed app (crash, OOM killer) used to leave it running,
    holding the model in memory and the CPU threads (found by tests/test_faults_kill.py).
    PR_SET_PDEATHSIG is no fix: it fires when the parent *thread* ends, and the app
    starts this server from a short-lived worker thread.
    """
    import threading

    def watch() -> None:
        while True:
            time.sleep(interval_s)
            if os.getppid() != parent_pid:  # reparented: the parent died
                os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a GGUF model on 127.0.0.1 (OpenAI-compatible).")
    parser.add_argument("--model", type=Path, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--alias", default="embedded")
    parser.add_argument("--threads", type=int, default=0, help="0 = the cores idle now")
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--parent-pid", type=int, help="exit when this process is gone")
    args = parser.parse_args()
    if args.parent_pid:
        exit_with_parent(args.parent_pid)
    serve(args.model, args.host, args.port, args.alias, args.threads or auto_threads(), args.n_ctx)


if __name__ == "__main__":
    main()
