"""IR → a Mermaid entity-relationship diagram of the spec (`python -m codegen diagram`, and the
README's `diagram` region)."""

from __future__ import annotations

from codegen.ir import Project


def diagram(project: Project) -> str:
    lines = ["erDiagram"]
    for res in project.resources:
        lines.append(f"    {res.name} {{")
        for field in res.fields:
            lines.append(f"        {field.kind.replace('-', '_')} {field.name}")
        lines.append("    }")
    return "\n".join(lines) + "\n"


def readme_region(project: Project) -> str:
    return "```mermaid\n" + diagram(project) + "```"
