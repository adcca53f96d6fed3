"""Writes of the triage queue: every change to its tables goes through these modules."""
