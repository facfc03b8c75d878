"""LLM access through litellm: the embedded local model, retries, timeouts and fallbacks."""
