"""`python -m simulator` and the `interview-sim` command: startup.begin(), then the command line."""

from . import startup


def run() -> None:
    startup.begin()
    from .cli import main  # imported only now: the command line's imports are start-up too

    main()


if __name__ == "__main__":
    run()
