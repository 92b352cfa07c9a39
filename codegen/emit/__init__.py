"""Emitters: pure functions from the IR to `{path: source}`. They never touch the disk."""

from __future__ import annotations

from codegen.emit.admin import emit_admin
from codegen.emit.api import emit_api
from codegen.emit.dashboard import emit_dashboard
from codegen.emit.exports import emit_exports
from codegen.emit.hooks import emit_hooks
from codegen.emit.imports import emit_imports
from codegen.emit.legacy import emit_legacy
from codegen.emit.models import emit_models
from codegen.emit.resources import emit_resources
from codegen.emit.schemas import emit_schemas
from codegen.emit.security import emit_security
from codegen.emit.source import HEADER, Module
from codegen.ir import Project

GENERATED = (emit_models, emit_schemas, emit_api, emit_admin, emit_resources, emit_security, emit_legacy, emit_imports,
             emit_exports, emit_dashboard)


def generated_files(project: Project) -> dict[str, str]:
    """Files the generator owns and overwrites freely, sorted by path."""
    files: dict[str, str] = {}
    for emit in GENERATED:
        files.update(emit(project))
    init = Module("Code generated from resources.yaml. Edit the spec or timba/hooks/, never these files.")
    files["timba/generated/__init__.py"] = init.render()
    return dict(sorted(files.items()))


def scaffold_files(project: Project) -> dict[str, str]:
    """Files created once when missing and then owned by the developer."""
    return dict(sorted(emit_hooks(project).items()))


__all__ = ["HEADER", "generated_files", "scaffold_files"]
