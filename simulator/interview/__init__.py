"""Driving rounds: the engine decides, the LLM phrases, the store keeps every turn."""
