"""`python -m simulator` and the `interview-sim` command: startup.begin(), then the command line.

A bare `interview-sim` (no argument at all) opens the app without importing click: the
command line's parsing has nothing to do then, and its import is ~15 ms of a launch that
`interview-sim bench tui` holds to twice a trivial Textual app's.
"""

import sys

from . import startup


def run() -> None:
    startup.begin()
    if len(sys.argv) == 1:
        from .tui.launch import launch_from_environment

        sys.exit(launch_from_environment())
    from .cli import main  # imported only now: the command line's imports are start-up too

    main()


if __name__ == "__main__":
    run()
