"""Writes: every change to stored data goes through a function here, never a view."""
