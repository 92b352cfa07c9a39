# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The app's models: the hand-written subclasses in timba/hooks/, one per resource."""

from timba.hooks.duty import Duty
from timba.hooks.line import Line
from timba.hooks.member import Member
from timba.hooks.order import Order
from timba.hooks.shop import Shop

__all__ = ["Shop", "Duty", "Member", "Order", "Line"]
