# generated from resources.yaml by codegen 0.1.0 — do not edit

"""The app's models: the hand-written subclasses in timba/hooks/, one per resource."""

from timba.hooks.client import Client
from timba.hooks.consignment import Consignment
from timba.hooks.log import Log
from timba.hooks.role import Role
from timba.hooks.user import User

__all__ = ["Client", "Role", "User", "Consignment", "Log"]
