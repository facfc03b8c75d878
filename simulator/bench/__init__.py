"""Every speed benchmark in one place: `interview-sim bench llm|stt|scoring|store|tui|all`.

A benchmark drives a whole layer (the store, Whisper, the Textual app) the way a
person would, so it sits above all of them, beside the commands; the layers
themselves never import it. report.py turns each result into rows of
(median, goal, met) for one table and the README.
"""
