"""Admin forms that write through the write pipeline (timba.runtime.write).

A ModelForm's own last step (`_post_clean`: put the cleaned values on the instance, then the
model's full_clean and uniqueness checks) becomes the pipeline's steps 1 to 4 for that one row,
their problems shown beside the fields they name; the admin's save then runs the write the
form prepared (`commit`). The password of the auth user (the add form's password1, the change
password form) is handed to the pipeline raw, so it meets the same validators as through the
API, and is hashed there.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.forms.models import construct_instance
from unfold.forms import AdminPasswordChangeForm, UserCreationForm

from timba.runtime import access, write
from timba.runtime.problems import Problem
from timba.runtime.registry import security as rules
from timba.runtime.write import Item, accounts

# The Django auth forms name their password fields so (password1 and its confirmation, where
# Django reports the validators' messages).
PASSWORD_INPUTS = ("password2", "password1")
acting_user: ContextVar = ContextVar("timba_admin_acting_user", default=None)


def show(form, problem: Problem, *, model=None) -> None:
    """The problem's errors beside the form fields they name; the rest above the form. A unique
    rule's error (one entry per field of the rule) stands once, beside the fields of the rule a
    person types: not its tenant or a derived field, which the form fills in or shows read-only."""
    model = model or form._meta.model
    shown = False
    for (msg, code), keys in _grouped(problem.errors or ()):
        names = {_form_field(form, model, key) for key in keys}
        if code == "unique":
            names = _typed(model, names - {None}) or {None}
        for name in sorted(names, key=lambda n: (n is None, list(form.fields).index(n) if n else 0)):
            form.add_error(name, ValidationError(msg, code=code))
        shown = True
    if not shown:
        form.add_error(None, ValidationError(problem.detail))


def _grouped(errors) -> list:
    """[((msg, type), [payload keys])]: a unique rule's entries (one per field) as one error."""
    out: dict = {}
    for i, error in enumerate(errors):
        loc = error.get("loc") or []
        code = error.get("type")
        group = (error["msg"], code) if code == "unique" else (error["msg"], code, i)
        out.setdefault(group, []).append(loc[1] if len(loc) > 1 else None)
    return [((group[0], group[1]), keys) for group, keys in out.items()]


def _typed(model, names: set) -> set:
    """The form fields of a unique rule a person chooses the value of: not the tenant, nor one
    derived from a parent (any of them when the rule has no other field on the form)."""
    filled = {access.tenant_path(model), *getattr(model, "derived_fields", {})}
    return (names - filled) or names


def _form_field(form, model, key):
    if key is None:
        return None
    if key == accounts.FIELD and key not in form.fields:
        return next((n for n in PASSWORD_INPUTS if n in form.fields), None)
    for field in model._meta.get_fields():
        if key in {field.name, getattr(field, "attname", None)}:
            return field.name if field.name in form.fields else None
    return key if key in form.fields else None


def _raw_password(form):
    """The password an auth-user form sets, as the pipeline takes it: None when the form sets
    none, accounts.NONE when it disables password login."""
    if "password1" not in form.fields:
        return None
    if not form.cleaned_data.get("set_usable_password", True):
        return accounts.NONE
    return form.cleaned_data.get("password1") or None


def writing_form(form_class, user):
    """`form_class` with the pipeline as its validation, for the caller `user`."""

    class WriteForm(form_class):
        _timba_plan = None

        def _post_clean(self):
            model = self._meta.model
            instance = self.instance
            stored = not instance._state.adding
            before = write.snapshot(instance) if stored else {}
            try:
                self.instance = construct_instance(self, instance, self._meta.fields, self._meta.exclude)
            except ValidationError as exc:
                self._update_errors(exc)
            if self.errors:
                return  # the pipeline looks at a row whose fields parse
            names = {f.name for f in model._meta.get_fields()}
            given = set(self.changed_data if stored else self.fields) & names
            many = {f.name: self.cleaned_data[f.name] for f in model._meta.many_to_many if f.name in self.cleaned_data}
            raw = _raw_password(self) if accounts.applies(model) else None
            if raw:
                given.add(accounts.FIELD)
            item = Item(instance=self.instance, stored=stored, before=before, many=many, password=raw, sent=given)
            try:
                self._timba_plan = write.prepare(user, model, [item], perms=("update",) if stored else ("create",), check_stored=True)
            except Problem as problem:
                show(self, problem)

        def commit(self):
            """The write prepared by validation (steps 5 to 7)."""
            return write_prepared(self._timba_plan, self.instance)

    WriteForm.__name__ = form_class.__name__
    return WriteForm


def write_prepared(plan, instance):
    """Run a prepared write; a unique value another write took since the form was checked is
    the 409 Problem (the admin shows it as a message)."""
    try:
        with transaction.atomic():
            plan.write()
    except IntegrityError as exc:
        raise write.conflict(plan, exc) from exc
    return instance


class UserAddForm(UserCreationForm):
    """The auth user's add form, one step: the account, its tenant (a tenant admin's own is
    implied), its roles and an initial password, written together, so the user never exists
    without roles. The password meets the validators in the pipeline; there is no choice to
    leave password login off (that is the change form's)."""

    usable_password = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roles = self.fields.get(rules().user_roles or "")
        if roles is not None:
            roles.required = True
            roles.error_messages["required"] = "Choose at least one role: a user without roles may do nothing."


class PasswordChangeForm(AdminPasswordChangeForm):
    """The admin's change-password form: the pipeline validates the change (the password's
    rules, and the row's) when the form is cleaned, as the admin user, and writes it on save."""

    _timba_plan = None

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        raw = self.cleaned_data.get("password1") if self.cleaned_data.get("set_usable_password", True) else accounts.NONE
        item = Item(instance=self.user, stored=True, before=write.snapshot(self.user), password=raw, sent={accounts.FIELD})
        try:
            self._timba_plan = write.prepare(acting_user.get(), type(self.user), [item], perms=("update",))
        except Problem as problem:
            show(self, problem, model=type(self.user))

    def save(self, commit=True):
        if commit:
            write_prepared(self._timba_plan, self.user)
        return self.user
