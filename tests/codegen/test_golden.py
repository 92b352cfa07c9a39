"""Golden tests for codegen, in the style of sqlc's end-to-end tests.

Each folder of tests/codegen/cases/ holds a `resources.yaml` and exactly one of:

- `expected/`: the tree of files codegen produces for that spec, i.e. what
  `codegen.emit.generated_files(project)` and `scaffold_files(project)` return, by relative path;
- `expected_error.txt`: the exact `str(SpecError)` followed by one newline, i.e. one
  `resources.yaml:LINE:COL: message` per line, sorted by position.

Refreshing: set `TIMBA_REFRESH_GOLDEN=1` and the golden test rewrites `expected/` or
`expected_error.txt` from what codegen produces now instead of comparing (a case whose spec starts
or stops failing switches from one to the other). To add a case, create its folder with a
resources.yaml and run

    TIMBA_REFRESH_GOLDEN=1 .venv/bin/python -m pytest tests/codegen/test_golden.py

then read the diff of the expected files before committing them: a refresh accepts anything.

The repository's own resources.yaml has no golden copy (it would only duplicate timba/):
`test_repo_generated_code_is_current` compares the committed timba/ files with what codegen
produces from the repository's resources.yaml now, as `python -m codegen check` does.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from codegen_cases import (
    CASES,
    REFRESH,
    REPO,
    REPO_SPEC,
    SpecError,
    case_names,
    read_tree,
    render,
    render_all,
)

from codegen import writer

PROBLEM_LINE = re.compile(r"^resources\.yaml:(\d+):(\d+): (.+)$")


def _compile_case(folder: Path) -> tuple[dict[str, str] | None, str | None]:
    try:
        return render_all(folder / "resources.yaml"), None
    except SpecError as exc:
        return None, str(exc) + "\n"


def _refresh(folder: Path, files: dict[str, str] | None, error: str | None) -> None:
    shutil.rmtree(folder / "expected", ignore_errors=True)
    (folder / "expected_error.txt").unlink(missing_ok=True)
    if error is not None:
        (folder / "expected_error.txt").write_text(error, encoding="utf-8")
        return
    for rel, text in files.items():
        path = folder / "expected" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def _error_cases() -> list[str]:
    return [name for name in case_names() if (CASES / name / "expected_error.txt").exists()]


@pytest.mark.parametrize("case", case_names())
def test_golden(case):
    folder = CASES / case
    files, error = _compile_case(folder)
    if REFRESH:
        _refresh(folder, files, error)
    error_file = folder / "expected_error.txt"
    if error_file.exists():
        assert error is not None, f"{case}: the spec was expected to fail, but it compiled"
        assert error == error_file.read_text(encoding="utf-8")
        return
    assert error is None, f"{case}: unexpected spec problems:\n{error}"
    expected = read_tree(folder / "expected")
    assert sorted(files) == sorted(expected), "the set of generated files differs"
    for rel in sorted(files):
        assert files[rel] == expected[rel], f"{case}: {rel} differs from the golden file"


@pytest.mark.parametrize("case", case_names())
def test_case_folder_has_exactly_one_expectation(case):
    folder = CASES / case
    has_tree = (folder / "expected").is_dir() and any((folder / "expected").rglob("*.py"))
    has_error = (folder / "expected_error.txt").is_file()
    assert has_tree != has_error, f"{case} needs either expected/ or expected_error.txt, not both or neither"
    assert case.startswith("error_") == has_error, "error cases are named error_<what>"


@pytest.mark.parametrize("case", _error_cases())
def test_error_lines_are_sorted_and_point_into_the_spec(case):
    spec_lines = (CASES / case / "resources.yaml").read_text(encoding="utf-8").splitlines()
    text = (CASES / case / "expected_error.txt").read_text(encoding="utf-8")
    assert text.endswith("\n") and not text.endswith("\n\n")
    positions = []
    for row in text.splitlines():
        match = PROBLEM_LINE.match(row)
        assert match, f"not a `resources.yaml:LINE:COL: message` line: {row!r}"
        line, col = int(match[1]), int(match[2])
        assert 1 <= line <= max(len(spec_lines), 1), row
        assert 1 <= col <= len(spec_lines[line - 1]) + 1 if spec_lines else col == 1, row
        positions.append((line, col))
    assert positions == sorted(positions)


def test_several_problems_are_all_reported_in_one_run():
    """Every line of the spec marked `# <- problem` is reported, and nothing else: one run
    shows the structural errors, the YAML duplicates and the cross-reference errors together."""
    folder = CASES / "error_many_problems"
    spec = (folder / "resources.yaml").read_text(encoding="utf-8")
    marked = {n for n, line in enumerate(spec.splitlines(), 1) if "# <- problem" in line}
    with pytest.raises(SpecError) as info:
        render(folder / "resources.yaml")
    reported = [p.line for p in info.value.problems]
    assert len(marked) >= 6
    assert set(reported) == marked
    assert reported == sorted(reported)
    assert str(info.value).count("\n") + 1 == len(info.value.problems)


def test_did_you_mean_hints_are_in_the_golden_errors():
    """The typo cases must keep suggesting the intended word."""
    hints = {
        "error_unknown_key": "did you mean 'label'?",
        "error_unknown_field_type": "did you mean 'string'?",
        "error_undeclared_reference": "did you mean 'Client'?",
    }
    for case, hint in hints.items():
        assert hint in (CASES / case / "expected_error.txt").read_text(encoding="utf-8"), case


def test_repo_generated_code_is_current():
    """The committed timba/ files equal what codegen produces from resources.yaml now."""
    generated, scaffolds = render(REPO_SPEC)
    plan = writer.plan(REPO, generated, scaffolds)
    assert not plan.stale, "generated code is stale; run `make generate`:\n" + "".join(plan.diffs)
