"""The evidence model's measured agreement on the validation split, shown beside every level it gives.

`interview-sim train-scorer` measures it once the weights are written (the
validation split is only scored, never fitted on) and keeps it in
agreement.json, so reports, exports and the README can say how far to trust a
level without re-running the measurement.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ...catalog import Catalog
from ..models import Agreement

AGREEMENT_PATH = Path(__file__).with_name("agreement.json")


@lru_cache(maxsize=1)
def load_agreement(path: Path = AGREEMENT_PATH) -> Agreement | None:
    if not path.is_file():
        return None
    return Agreement.model_validate_json(path.read_text(encoding="utf-8"))


def measure_agreement(catalog: Catalog) -> Agreement:
    from ..calibration import calibrate, load_items
    from .train import split_path

    path = split_path("validation")
    report = calibrate(path, catalog, "evidence")
    items = load_items(path)
    s = report.summary
    return Agreement(answers=len(items), labels=sum(len(i.labels) for i in items), spearman=s.spearman,
                     pairwise_order=s.pairwise_order, exact=s.exact, within1=s.within1)


def write_agreement(agreement: Agreement, path: Path = AGREEMENT_PATH) -> None:
    path.write_text(json.dumps(agreement.model_dump(mode="json"), indent=1) + "\n", encoding="utf-8")
    load_agreement.cache_clear()
