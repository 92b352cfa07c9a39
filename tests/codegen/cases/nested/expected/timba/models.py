# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The app's models: the hand-written subclasses in timba/hooks/, one per resource."""

from timba.hooks.book import Book
from timba.hooks.shelf import Shelf
from timba.hooks.shop import Shop

__all__ = ["Shop", "Shelf", "Book"]
