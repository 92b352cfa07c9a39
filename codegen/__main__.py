"""`python -m codegen generate|check|schema|diagram|new [--spec resources.yaml] [--root .]`

generate: write the generated modules (and create missing hook modules), the spec's JSON Schema
  and the README's diagram.
check: write nothing; print a diff and exit 1 when anything is stale.
schema: write the JSON Schema of resources.yaml (resources.schema.json) only.
diagram: print the spec's entity-relationship diagram (Mermaid).
new NAME [--tenant] [--fields a:string,b:decimal]: append a resource to resources.yaml.
A spec with problems prints every one of them and exits 2, writing nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from codegen import emit, ir, scaffold, writer
from codegen.emit.diagram import diagram, readme_region
from codegen.schema import SCHEMA_FILE, schema_text
from codegen.spec import SpecError, load_spec

README = "README.md"


def compile_spec(spec_path: Path, root: Path) -> writer.Plan:
    project = ir.build(load_spec(spec_path))
    generated = {**emit.generated_files(project), SCHEMA_FILE: schema_text()}
    regions = {README: {"diagram": readme_region(project)}}
    return writer.plan(root, generated, emit.scaffold_files(project), regions)


def _problems(exc: SpecError, spec: Path) -> int:
    print(exc, file=sys.stderr)
    print(f"{len(exc.problems)} problem(s) in {spec}; nothing was written.", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["generate", "check", "schema", "diagram", "new"])
    parser.add_argument("name", nargs="?", help="new: the resource's CamelCase name")
    parser.add_argument("--spec", type=Path, default=Path("resources.yaml"))
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: the spec's)")
    parser.add_argument("--tenant", action="store_true", help="new: the resource belongs to a tenant")
    parser.add_argument("--fields", default="", help="new: name:type pairs, comma-separated")
    args = parser.parse_args(argv)
    root = args.root or args.spec.resolve().parent
    if args.command == "new":
        return scaffold.main(args.spec, args.name, tenant=args.tenant, fields=args.fields)
    if args.command == "schema":
        written = writer.write(writer.plan(root, {SCHEMA_FILE: schema_text()}, {}))
        print(f"wrote {SCHEMA_FILE}" if written else f"{SCHEMA_FILE} is current")
        return 0
    started = time.perf_counter()
    try:
        if args.command == "diagram":
            sys.stdout.write(diagram(ir.build(load_spec(args.spec))))
            return 0
        result = compile_spec(args.spec, root)
    except SpecError as exc:
        return _problems(exc, args.spec)
    except OSError as exc:
        print(f"{args.spec}: cannot read the spec: {exc.strerror}", file=sys.stderr)
        return 2
    if args.command == "check":
        if result.stale:
            sys.stdout.write("".join(result.diffs))
            print("generated code is stale: run `make generate`", file=sys.stderr)
            return 1
        print("generated code matches resources.yaml")
        return 0
    written = writer.write(result)
    elapsed = (time.perf_counter() - started) * 1000
    for rel in written:
        print(f"wrote {rel}")
    print(f"{len(written)} file(s) written, {elapsed:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
