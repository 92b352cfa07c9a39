# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The app's models: the hand-written subclasses in timba/hooks/, one per resource."""

from timba.hooks.client import Client
from timba.hooks.reading import Reading

__all__ = ["Client", "Reading"]
