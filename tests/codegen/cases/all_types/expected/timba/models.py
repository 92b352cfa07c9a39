# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The app's models: the hand-written subclasses in timba/hooks/, one per resource."""

from timba.hooks.account import Account
from timba.hooks.item import Item
from timba.hooks.tag import Tag
from timba.hooks.warehouse import Warehouse

__all__ = ["Account", "Tag", "Warehouse", "Item"]
