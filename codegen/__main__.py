"""`python -m codegen generate|check [--spec resources.yaml] [--root .]`

generate: write the generated modules (and create missing hook modules).
check: write nothing; print a diff and exit 1 when anything is stale.
A spec with problems prints every one of them and exits 2, writing nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from codegen import emit, ir, writer
from codegen.spec import SpecError, load_spec


def compile_spec(spec_path: Path, root: Path) -> writer.Plan:
    project = ir.build(load_spec(spec_path))
    return writer.plan(root, emit.generated_files(project), emit.scaffold_files(project))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m codegen", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["generate", "check"])
    parser.add_argument("--spec", type=Path, default=Path("resources.yaml"))
    parser.add_argument("--root", type=Path, default=None, help="project folder (default: the spec's)")
    args = parser.parse_args(argv)
    root = args.root or args.spec.resolve().parent
    started = time.perf_counter()
    try:
        result = compile_spec(args.spec, root)
    except SpecError as exc:
        print(exc, file=sys.stderr)
        print(f"{len(exc.problems)} problem(s) in {args.spec}; nothing was written.", file=sys.stderr)
        return 2
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
