"""IR → timba/hooks/<resource>.py: the hand-written module of each resource, created once when
missing and never overwritten. It holds the concrete model and the optional hooks."""

from __future__ import annotations

from codegen.ir import Project, Resource

TEMPLATE = '''"""Hand-written behaviour for {name}.

codegen created this file once and never overwrites it: it is yours. Generated fields live in
timba/generated/models.py ({name}Base); add methods, validation and overrides here.
"""

from timba.generated.models import {name}Base


class {name}({name}Base):
    """{a_label}. Computed fields need a `compute_<field>(self)` method here; `clean(self)`
    adds validation that the API, the admin and imports all run."""
{computed}

class AdminMixin:
    """Options and methods mixed into the generated {name}Admin (django-unfold)."""


def extend_router(router):
    """Add hand-written endpoints to the /api/v1/{plural} router here."""
'''

COMPUTED = '''
    def compute_{field}(self):
        raise NotImplementedError("compute {field} of {name} in timba/hooks/{snake}.py")
'''


def emit_hooks(project: Project) -> dict[str, str]:
    return {f"timba/hooks/{res.snake}.py": _hooks(res) for res in project.resources}


def _hooks(res: Resource) -> str:
    computed = "".join(
        COMPUTED.format(field=f.name, name=res.name, snake=res.snake) for f in res.fields if f.computed
    )
    return TEMPLATE.format(name=res.name, a_label=res.a_label[0].upper() + res.a_label[1:], plural=res.plural, computed=computed)
