"""What the app registers into the runtime when it loads: the security model of resources.yaml
(tenant, roles, where a user's roles live, channels, subscription, tenant paths, permissions),
from the generated code, and what must happen when a password changes (the tokens app revokes
the user's other API tokens).

The runtime reads the rules only from here and never imports the generated modules: the
dependencies point one way, from the app's generated code to this library (as protobuf's
runtime never imports the code generated for it).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SecurityRules:
    tenant: str | None = None
    roles: tuple[str, ...] = ()
    role_labels: dict = field(default_factory=dict)  # role name -> (label, description) the admin shows
    user_roles: str | None = None  # the auth user's many-to-many field holding its roles
    role_name: str | None = None  # the field of a role row holding its name
    admin_role: str | None = None  # every tenant keeps at least one active holder of this role
    channels: dict = field(default_factory=dict)  # channel -> role it needs
    subscription: dict = field(default_factory=dict)
    tenant_paths: dict = field(default_factory=dict)  # model name -> "self" or its tenant reference
    permissions: dict = field(default_factory=dict)  # model name -> operation -> roles


_security: SecurityRules | None = None


def register_security(**rules) -> SecurityRules:
    """Called by the generated security module on import. The containers are kept as given (not
    copied), so a test that patches one of them patches the rules."""
    global _security
    _security = SecurityRules(**rules)
    return _security


def security() -> SecurityRules:
    if _security is None:
        raise RuntimeError(
            "no security rules are registered: the app's generated security module registers them "
            "when it is imported (the app config's ready())"
        )
    return _security


_password_listeners: list = []


def on_password_change(listener) -> None:
    """`listener(users, acting_user)` runs in the write's transaction after the passwords of
    `users` changed."""
    if listener not in _password_listeners:
        _password_listeners.append(listener)


def password_changed(users, acting_user) -> None:
    for listener in _password_listeners:
        listener(users, acting_user)
