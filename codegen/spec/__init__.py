"""Load and validate resources.yaml: `load_spec(path)` returns a checked `SpecFile` or raises
`SpecError` listing every problem as `file:line:col: message`."""

from codegen.spec.errors import SpecError, SpecProblem
from codegen.spec.load import load_spec, load_spec_text
from codegen.spec.model import FieldSpec, ResourceSpec, SpecFile

__all__ = [
    "FieldSpec",
    "ResourceSpec",
    "SpecError",
    "SpecFile",
    "SpecProblem",
    "load_spec",
    "load_spec_text",
]
