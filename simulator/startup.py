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
  installed distribution (8-12 ms); the app uses none. A user's own
  PYDANTIC_DISABLE_PLUGINS wins.

Only the command (`python -m simulator`, `interview-sim`) calls begin(): code that
imports simulator, the tests included, keeps Python's defaults.
"""

from __future__ import annotations

import gc
import os

_paused = False


def begin() -> None:
    """Before the command line is imported: pause the collector, skip pydantic's plugin search."""
    global _paused
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    gc.disable()
    _paused = True


def done() -> None:
    """The command has started: collect again, never walking what start-up built. A no-op without begin()."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()
