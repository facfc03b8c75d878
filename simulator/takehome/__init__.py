"""Take-homes played as take-homes: a repository written out, tests run, the hand-in measured and scored (no Textual).

The review conversation is a round like the others: its life in the store is
RoundService's, and simulator/interview/take_home.py drives it.
"""

from .checks import HandIn, hand_in, run_provided_tests
from .score import find_take_home, review_round, score_round_or_take_home, score_take_home
from .workspace import Workspace, WorkspaceError, take_home_of

__all__ = [
    "HandIn", "Workspace", "WorkspaceError", "find_take_home", "hand_in", "review_round", "run_provided_tests",
    "score_round_or_take_home", "score_take_home", "take_home_of",
]
