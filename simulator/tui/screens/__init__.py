"""The app's screens, one module each with its .tcss beside it."""
