"""Qt views."""
