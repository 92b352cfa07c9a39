# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The app's models: the hand-written subclasses in timba/hooks/, one per resource."""

from timba.hooks.farm import Farm
from timba.hooks.field import Field
from timba.hooks.harvest import Harvest

__all__ = ["Farm", "Field", "Harvest"]
