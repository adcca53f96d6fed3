"""Reads: what the pages and downloads show, built from stored rows as typed objects."""
