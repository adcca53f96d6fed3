"""Waylight's pages. Each module is one area of the site; none holds clinical logic."""
