"""The Jinja2 environment persona templates render in, and where in a template a render failed."""

from __future__ import annotations

from pathlib import Path

import jinja2

TEMPLATE_DIR_NAME = "templates"


def template_env(personas_dirs: list[Path]) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d / TEMPLATE_DIR_NAME) for d in personas_dirs]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
    )


def template_line(exc: BaseException, search_dirs: list[str]) -> tuple[str, int] | None:
    """(file, line) in a template where rendering failed, from the traceback.

    Jinja2 rewrites render tracebacks so that template frames carry the template's
    file name and line; the deepest such frame is the line a person must edit.
    """
    found: tuple[str, int] | None = None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if any(filename.startswith(d) for d in search_dirs):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found
