"""The HTML export opened in headless Chromium renders: text, evidence highlights and the SVG chart.

Needs the `chromium` Debian package (scripts/setup test installs it). The PNG is
decoded with PyAV, which faster-whisper already brings.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import av
import numpy as np
from store_sample import build_session

from simulator.store import Store
from simulator.store.exchange import export_session

HIGHLIGHT = (0xFD, 0xE6, 0x8A)  # mark background in session.css
MACHINE_BAR = (0x25, 0x63, 0xEB)  # machine-level bars in the SVG chart


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    raise AssertionError("Chromium is not installed: run scripts/setup test (apt-get install chromium)")


def _share(pixels: np.ndarray, rgb: tuple[int, int, int], tolerance: int = 6) -> float:
    return float((np.abs(pixels.astype(int) - np.array(rgb)).max(axis=-1) <= tolerance).mean())


def screenshot(html_file: Path, png: Path, size: tuple[int, int] = (1000, 1400)) -> np.ndarray:
    subprocess.run(
        [
            _chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
            f"--user-data-dir={png.parent / 'chromium-profile'}", f"--window-size={size[0]},{size[1]}",
            f"--screenshot={png}", html_file.as_uri(),
        ],
        check=True, capture_output=True, timeout=120, env={**os.environ, "HOME": str(png.parent)},
    )
    with av.open(str(png)) as container:
        frame = next(container.decode(video=0))
        return frame.to_ndarray(format="rgb24")


def test_html_export_renders_in_headless_chromium(tmp_path: Path) -> None:
    with Store(tmp_path / "s.db") as store:
        sid = build_session(store)
        page = tmp_path / "session.html"
        page.write_text(export_session(store, sid, "html"), encoding="utf-8")
    pixels = screenshot(page, tmp_path / "session.png")
    assert pixels.shape == (1400, 1000, 3)
    not_white = (pixels < 245).any(axis=-1).mean()
    assert not_white > 0.05, f"page looks blank ({not_white:.1%} non-white pixels)"
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 100  # text antialiasing, colours: a real render
    assert _share(pixels, HIGHLIGHT) > 0.001, "evidence highlights not drawn"
    assert _share(pixels, MACHINE_BAR) > 0.001, "SVG level bars not drawn"


def test_a_blank_page_fails_the_same_checks(tmp_path: Path) -> None:
    """The checks above can fail: an empty page is caught."""
    page = tmp_path / "blank.html"
    page.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    pixels = screenshot(page, tmp_path / "blank.png")
    assert (pixels < 245).any(axis=-1).mean() < 0.01
    assert _share(pixels, HIGHLIGHT) == 0.0
