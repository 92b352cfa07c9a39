# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The app's models: the hand-written subclasses in timba/hooks/, one per resource."""

from timba.hooks.item import Item
from timba.hooks.shelf import Shelf

__all__ = ["Shelf", "Item"]
