"""The one way litellm is imported: offline, quietly, once.

Importing litellm costs ~2 s and, unless told otherwise, fetches a model price
list from the internet; every caller (interviewer, judge, remote transcription)
goes through here, in a worker, never on the app's launch path.
"""

from __future__ import annotations

import os
import threading
from typing import Any

_lock = threading.Lock()


def import_litellm() -> Any:
    os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
    with _lock:
        import litellm

        litellm.suppress_debug_info = True
        litellm.drop_params = True
        litellm.telemetry = False
    return litellm
