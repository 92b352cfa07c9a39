"""`python -m codegen generate|check` end to end, against temporary project folders.

Most tests call `codegen.__main__.main(argv)` in-process; the ones about hash-seed determinism
and "codegen never imports Django" run a fresh interpreter, since a pytest process has Django
loaded already.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from codegen_cases import CASES, HEADER_PREFIX, REPO, read_tree, render, render_all

from codegen.__main__ import main
from codegen.emit import HEADER
from codegen.schema import SCHEMA_FILE, schema_text


def _spec(tmp_path: Path, case: str = "all_types") -> Path:
    folder = tmp_path / "spec"
    folder.mkdir(exist_ok=True)
    return Path(shutil.copy(CASES / case / "resources.yaml", folder / "resources.yaml"))


def _run(capsys, command: str, spec: Path, root: Path) -> tuple[int, str, str]:
    code = main([command, "--spec", str(spec), "--root", str(root)])
    out, err = capsys.readouterr()
    return code, out, err


def _python(code: str, *args: str, seed: str = "0") -> subprocess.CompletedProcess:
    env = {"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, *(["-c", code] if code else []), *args],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )


def test_generate_writes_every_file_then_check_passes(tmp_path, capsys):
    spec, root = _spec(tmp_path), tmp_path / "root"
    code, out, _ = _run(capsys, "generate", spec, root)
    assert code == 0
    expected = {**render_all(spec), SCHEMA_FILE: schema_text()}  # and the spec's JSON Schema
    assert read_tree(root) == expected
    assert [line.removeprefix("wrote ") for line in out.splitlines() if line.startswith("wrote ")] == sorted(expected)
    code, out, err = _run(capsys, "check", spec, root)
    assert (code, out, err) == (0, "generated code matches resources.yaml\n", "")


def test_check_on_an_empty_root_is_stale_and_writes_nothing(tmp_path, capsys):
    spec, root = _spec(tmp_path, "minimal"), tmp_path / "root"
    root.mkdir()
    code, out, err = _run(capsys, "check", spec, root)
    assert code == 1
    assert "+++ b/timba/generated/models.py" in out
    assert "missing hand-written module timba/hooks/note.py" in out
    assert "stale" in err
    assert list(root.iterdir()) == []


def test_editing_a_generated_file_makes_check_fail_with_a_diff(tmp_path, capsys):
    spec, root = _spec(tmp_path), tmp_path / "root"
    assert _run(capsys, "generate", spec, root)[0] == 0
    models = root / "timba/generated/models.py"
    original = 'verbose_name = "storage depot"'
    edited = models.read_text(encoding="utf-8").replace(original, 'verbose_name = "warehouse"')
    models.write_text(edited, encoding="utf-8")
    code, out, err = _run(capsys, "check", spec, root)
    assert code == 1
    assert "--- a/timba/generated/models.py\n+++ b/timba/generated/models.py\n" in out
    assert '-        verbose_name = "warehouse"\n' in out
    assert f"+        {original}\n" in out
    assert "timba/generated/schemas.py" not in out, "only the edited file is reported"
    assert "make generate" in err
    assert models.read_text(encoding="utf-8") == edited, "check must not repair the file"


def test_a_broken_spec_exits_2_reports_every_problem_and_writes_nothing(tmp_path, capsys):
    spec, root = _spec(tmp_path, "error_many_problems"), tmp_path / "root"
    root.mkdir()
    expected = (CASES / "error_many_problems" / "expected_error.txt").read_text(encoding="utf-8")
    for command in ("generate", "check"):
        code, out, err = _run(capsys, command, spec, root)
        assert code == 2
        assert out == ""
        assert err == expected + f"{len(expected.splitlines())} problem(s) in {spec}; nothing was written.\n"
        assert list(root.iterdir()) == []


def test_a_broken_spec_leaves_existing_output_untouched(tmp_path, capsys):
    spec, root = _spec(tmp_path), tmp_path / "root"
    assert _run(capsys, "generate", spec, root)[0] == 0
    before = read_tree(root)
    spec.write_text(spec.read_text(encoding="utf-8").replace("type: email", "type: emale"), encoding="utf-8")
    code, _, err = _run(capsys, "generate", spec, root)
    assert code == 2
    assert "did you mean 'email'?" in err
    assert read_tree(root) == before


def test_a_missing_spec_exits_2(tmp_path, capsys):
    code, out, err = _run(capsys, "generate", tmp_path / "nope.yaml", tmp_path / "root")
    assert code == 2 and out == ""
    assert "cannot read the spec" in err
    assert not (tmp_path / "root").exists()


def test_hooks_are_created_once_and_never_overwritten(tmp_path, capsys):
    spec, root = _spec(tmp_path), tmp_path / "root"
    _, first, _ = _run(capsys, "generate", spec, root)
    assert "wrote timba/hooks/item.py" in first
    hook = root / "timba/hooks/item.py"
    mine = hook.read_text(encoding="utf-8") + "\n\ndef helper():\n    return 42\n"
    hook.write_text(mine, encoding="utf-8")
    (root / "timba/hooks/tag.py").unlink()

    code, second, _ = _run(capsys, "generate", spec, root)
    assert code == 0
    assert second.splitlines()[:-1] == ["wrote timba/hooks/tag.py"], "only the deleted hook comes back"
    assert hook.read_text(encoding="utf-8") == mine
    assert _run(capsys, "check", spec, root)[0] == 0, "a hand-edited hook is not drift"

    # A spec change rewrites generated modules, still never the hook.
    spec.write_text(spec.read_text(encoding="utf-8").replace("      notes: text\n", "      notes: text\n      memo: text\n"), encoding="utf-8")
    _, third, _ = _run(capsys, "generate", spec, root)
    assert "wrote timba/generated/models.py" in third and "timba/hooks/" not in third
    assert hook.read_text(encoding="utf-8") == mine
    assert 'memo = models.TextField("memo"' in (root / "timba/generated/models.py").read_text(encoding="utf-8")


def test_a_second_generate_writes_nothing(tmp_path, capsys):
    spec, root = _spec(tmp_path), tmp_path / "root"
    _run(capsys, "generate", spec, root)
    stamps = {p: p.stat().st_mtime_ns for p in root.rglob("*.py")}
    code, out, _ = _run(capsys, "generate", spec, root)
    assert code == 0
    assert out.startswith("0 file(s) written")
    assert {p: p.stat().st_mtime_ns for p in root.rglob("*.py")} == stamps


def test_output_is_byte_identical_across_runs_and_hash_seeds(tmp_path):
    """Sets of imports and names must be sorted, not iterated in hash order."""
    spec = _spec(tmp_path)
    trees = []
    for seed in ("0", "1", "4242"):
        root = tmp_path / f"root-{seed}"
        result = _python("", "-m", "codegen", "generate", "--spec", str(spec), "--root", str(root), seed=seed)
        assert result.returncode == 0, result.stderr
        trees.append({p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1] == trees[2]
    assert trees[0] == {rel: text.encode() for rel, text in {**render_all(spec), SCHEMA_FILE: schema_text()}.items()}


@pytest.mark.parametrize("case", ["minimal", "all_types", "repo"])
def test_generated_files_carry_a_stable_header(tmp_path, case):
    generated, scaffolds = render(REPO / "resources.yaml" if case == "repo" else CASES / case / "resources.yaml")
    for rel, text in generated.items():
        first = text.splitlines()[0]
        assert first.startswith(HEADER_PREFIX) and first == HEADER, rel
        assert not re.search(r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}", first), f"timestamp in {rel}"
        assert str(REPO) not in text, f"machine path in {rel}"
    for rel, text in scaffolds.items():
        assert HEADER_PREFIX not in text, f"{rel} is the developer's: no do-not-edit header"


def test_codegen_never_imports_django(tmp_path):
    spec, root = _spec(tmp_path), tmp_path / "root"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import codegen.__main__ as cli\n"
        f"plan = cli.compile_spec(Path({str(spec)!r}), Path({str(root)!r}))\n"
        "assert plan.changed, 'nothing compiled'\n"
        f"assert cli.main(['generate', '--spec', {str(spec)!r}, '--root', {str(root)!r}]) == 0\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('django'))\n"
        "assert not loaded, loaded\n"
        "print('ok')\n"
    )
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "ok"
    assert (root / "timba/generated/models.py").exists()


def test_check_covers_the_schema_and_the_readme_diagram(tmp_path, capsys):
    """The spec's JSON Schema and the README's diagram region are generated like the code: a
    README with the region's markers gets the diagram, the rest of it untouched, and `check`
    fails when either is stale."""
    spec, root = _spec(tmp_path), tmp_path / "root"
    root.mkdir()
    readme = root / "README.md"
    readme.write_text("# A project\n\n<!-- generated: diagram -->\nold\n<!-- /generated: diagram -->\n\nMore text.\n")
    assert _run(capsys, "generate", spec, root)[0] == 0
    text = readme.read_text()
    assert text.startswith("# A project\n\n<!-- generated: diagram -->\n```mermaid\nerDiagram\n") and text.endswith("\n\nMore text.\n")
    assert "old" not in text
    assert _run(capsys, "check", spec, root)[0] == 0
    for path, edit in ((readme, text.replace("erDiagram", "erDiagram\n    Stale {\n    }")), (root / SCHEMA_FILE, "{}\n")):
        original = path.read_text()
        path.write_text(edit)
        code, out, _err = _run(capsys, "check", spec, root)
        assert code == 1 and f"+++ b/{path.name}" in out, out
        path.write_text(original)
    assert _run(capsys, "check", spec, root)[0] == 0


def test_schema_command_writes_only_the_schema(tmp_path, capsys):
    spec, root = _spec(tmp_path), tmp_path / "root"
    root.mkdir()
    assert _run(capsys, "schema", spec, root)[0] == 0
    assert sorted(p.name for p in root.iterdir()) == [SCHEMA_FILE]
    assert (root / SCHEMA_FILE).read_text() == schema_text()


def test_diagram_command_prints_the_diagram(tmp_path, capsys):
    spec = _spec(tmp_path)
    code, out, _err = _run(capsys, "diagram", spec, tmp_path)
    assert code == 0 and out.startswith("erDiagram\n")
