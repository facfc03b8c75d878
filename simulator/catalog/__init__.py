"""The interview catalog: company loops, rounds, criteria and personas, loaded from YAML."""

from .loader import Catalog, CatalogError, Problem, collect, load_catalog
from .models import CodingProblem, Criterion, Loop, Persona, Question, Round, RoundCriterion

__all__ = [
    "Catalog",
    "CatalogError",
    "CodingProblem",
    "Criterion",
    "Loop",
    "Persona",
    "Problem",
    "Question",
    "Round",
    "RoundCriterion",
    "collect",
    "load_catalog",
]
