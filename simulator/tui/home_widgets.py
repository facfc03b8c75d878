"""Two light stand-ins on the home screen, the app's first frame: its title bar and its start button.

Why: Textual styles every widget against every rule of the stylesheet, and its Button
brings 57 rules (every variant and style, `ansi` themes included) where home shows one
primary button, and its Header four widgets (icon, title, clock space) that re-set the
title just after the first frame, when the first key arrives. These draw the same and
keep the button's behaviour (enter, click, Button.Pressed) with the few rules they use.
"""

from __future__ import annotations

from textual.widgets import Button, Static


class TitleBar(Static):
    """The app's title and sub-title (App.format_title) on one line at the top, where Textual's Header shows them.

    No icon, no clock, and set once: the app never changes its title.
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        padding: 0 10 0 8;  /* where the Header's icon and clock space were: the title stays where it was */
        text-wrap: nowrap;
        text-overflow: ellipsis;
        content-align: center middle;
    }
    """


class StartButton(Button, inherit_css=False):
    """A Button (same keys, click and Pressed message) styled only as Textual's default primary button."""

    # Textual's Button.DEFAULT_CSS, `-style-default` and `-primary` only (and the ansi themes' primary).
    DEFAULT_CSS = """
    StartButton {
        width: auto;
        min-width: 16;
        height: auto;
        line-pad: 1;
        text-align: center;
        content-align: center middle;
        pointer: pointer;
        text-style: bold;
        color: $button-color-foreground;
        background: $primary;
        border: none;
        border-top: tall $primary-lighten-3;
        border-bottom: tall $primary-darken-3;
        &:focus {
            text-style: $button-focus-text-style;
            background-tint: $foreground 5%;
        }
        &:hover {
            background: $primary-darken-2;
            border-top: tall $primary;
        }
        &.-active {
            background: $primary;
            border-bottom: tall $primary-lighten-3;
            border-top: tall $primary-darken-3;
            tint: $background 30%;
        }
    }
    StartButton:ansi {
        color: $primary;
        border: tall $primary;
        background: ansi_default;
        &:hover {
            background: $ansi-background;
            border: tall $border;
        }
        &.-active {
            background: $ansi-background !important;
            border: blank $background !important;
            tint: transparent;
        }
    }
    """

    def __init__(self, label: str, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name
        super().__init__(label, id=id, variant="primary")
