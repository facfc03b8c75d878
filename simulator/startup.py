"""What the command does before its first import, and undoes once it has started.

Why, measured with `interview-sim bench tui` on 2 busy cores:
- Importing pydantic, Textual and the app and composing the home screen build a few
  hundred thousand objects, and the cyclic garbage collector ran ~180 times over them
  before the first frame (60 ms of a 0.5 s launch), finding almost nothing to free.
  So it is paused until the command has started: a subcommand resumes it at once,
  the app once its first frame is drawn. Resuming freezes what start-up built
  (gc.freeze): those objects live as long as the process, and later full
  collections, which can land mid-keypress, no longer walk them.
- pydantic looks for plugins at the first model by reading the entry points of every
  installed distribution (8-12 ms); the app uses none. Even told to skip the search,
  its plugin loader imports importlib.metadata (and with it email, zipfile and csv,
  ~30 ms of the app's launch, which nothing else before the first frame needs), so
  begin() gives pydantic a loader that returns what the real one returns when all
  plugins are disabled: none. A user's own PYDANTIC_DISABLE_PLUGINS wins, and gets
  pydantic's own loader.

Only the command (`python -m simulator`, `interview-sim`) calls begin(): code that
imports simulator, the tests included, keeps Python's defaults.
"""

from __future__ import annotations

import gc
import os
import sys
from types import ModuleType

_paused = False
_PLUGIN_LOADER = "pydantic.plugin._loader"


def _no_plugins_loader() -> ModuleType:
    loader = ModuleType(_PLUGIN_LOADER, "What pydantic's loader gives with PYDANTIC_DISABLE_PLUGINS=__all__ (startup.py).")
    loader.get_plugins = tuple  # type: ignore[attr-defined]  # get_plugins() -> (): no plugins
    return loader


def begin() -> None:
    """Before the command line is imported: pause the collector, skip pydantic's plugin search."""
    global _paused
    if os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__") == "__all__":
        sys.modules.setdefault(_PLUGIN_LOADER, _no_plugins_loader())
    gc.disable()
    _paused = True


def done() -> None:
    """The command has started: collect again, never walking what start-up built. A no-op without begin()."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
