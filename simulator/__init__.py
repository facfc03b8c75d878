"""interview-sim: a mock-interview simulator for machine-learning engineers."""

__version__ = "0.1.0"
