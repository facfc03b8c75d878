"""Take-homes played as take-homes: a repository written out, tests run, hand-in measured, then a review (no Textual)."""

from .checks import HandIn, hand_in, run_provided_tests
from .review import TakeHomeResult, TakeHomeReview, submit_headless, take_home_of
from .score import find_take_home, review_round, score_round_or_take_home, score_take_home
from .workspace import Workspace, WorkspaceError

__all__ = [
    "HandIn", "TakeHomeResult", "TakeHomeReview", "Workspace", "WorkspaceError", "find_take_home", "hand_in",
    "review_round", "run_provided_tests", "score_round_or_take_home", "score_take_home", "submit_headless", "take_home_of",
]
