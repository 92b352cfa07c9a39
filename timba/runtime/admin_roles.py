"""How the admin presents roles: the label and description `security.roles` declares for each
(registered as `role_labels`), in the role choices of the user form, the users' roles column and
the roles change list. A role row whose name the spec does not declare shows its name alone.
Also the help text of Django's account flags, which roles and channels stand in for here.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth import get_user_model
from django.forms import ModelMultipleChoiceField
from django.utils.html import format_html
from unfold.widgets import UnfoldAdminCheckboxSelectMultipleWidget

from timba.runtime.registry import security as rules


def role_model():
    """The model whose rows are roles: the target of the auth user's roles field (None if none)."""
    name = rules().user_roles
    if not name:
        return None
    return get_user_model()._meta.get_field(name).related_model


def role_name(row) -> str:
    return str(getattr(row, rules().role_name))


def label(name: str) -> str:
    return rules().role_labels.get(name, (name, ""))[0]


def description(name: str) -> str:
    return rules().role_labels.get(name, ("", ""))[1]


def shown(row) -> str:
    """A row as a list cell shows it: a role by its label, any other row by its str()."""
    if type(row) is role_model():
        return label(role_name(row))
    return str(row)


class RoleCheckboxes(UnfoldAdminCheckboxSelectMultipleWidget):
    """unfold's checkboxes, each role's text in full (unfold truncates an option to one line)."""

    option_template_name = "admin/timba_roles/role_option.html"


class RoleChoiceField(ModelMultipleChoiceField):
    """The roles of a user as checkboxes, each with its label, its name and its description."""

    widget = RoleCheckboxes

    def label_from_instance(self, obj):
        name = role_name(obj)
        text = description(name)
        head = format_html('<strong class="role-label">{}</strong> <code class="role-name">{}</code>', label(name), name)
        if not text:
            return head
        return format_html('{}<span class="role-description block text-font-subtle-light dark:text-font-subtle-dark">{}</span>', head, text)


def is_roles_field(db_field) -> bool:
    """The auth user's field holding its roles (`security.user_roles`)."""
    return db_field.model is get_user_model() and db_field.name == rules().user_roles


def role_column(which: str):
    """A column of the roles change list: the role's `label` or `description`, from the spec."""
    read = label if which == "label" else description

    def column(obj):
        return read(role_name(obj)) or "-"

    column.__name__ = f"role_{which}"
    column.short_description = which
    return column


CHANNEL_USE = {"admin": "opening the admin", "api": "using the API"}


def flag_help() -> dict[str, str]:
    """The help text of the auth user's staff and superuser flags, from the spec's channels:
    Django's `is_staff` opens nothing here (the admin channel's role does); a superuser is
    platform staff."""
    channels = rules().channels
    needs = [f"{CHANNEL_USE[c]} takes the role {label(role)} ({role})" for c, role in channels.items() if c in CHANNEL_USE]
    uses = "; ".join(needs) if needs else "what a user may do is decided by their roles"
    tenant = rules().tenant
    every = "every " + apps.get_model(get_user_model()._meta.app_label, tenant)._meta.verbose_name if tenant else "everyone"
    return {
        "is_staff": f"Django's staff flag, which this app does not use: {uses}. Platform staff are superusers.",
        "is_superuser": f"Platform staff: sees and changes the data of {every}, in the admin and through the API, whatever their roles.",
    }
