"""Waylight: help around self-harm and its link with depression.

The package is a pure core (`waylight.core`: knowledge base, instruments and scoring, rules,
crisis resources, text detector) wrapped by thin shells: the command line (`waylight.cli`), the
web app (`waylight.web`) and batch jobs. Importing this package must stay cheap: the command line
starts from here.
"""

__version__ = "0.1.0"
