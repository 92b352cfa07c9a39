"""The JSON Schema of resources.yaml, generated from the pydantic models that validate it
(`codegen.spec.model.SpecFile`), so the two never differ. `python -m codegen schema` writes it
to resources.schema.json; resources.yaml names it on its first line for editors."""

from __future__ import annotations

import json

from codegen.spec.model import SpecFile

SCHEMA_FILE = "resources.schema.json"


def spec_schema() -> dict:
    return SpecFile.model_json_schema()


def schema_text() -> str:
    return json.dumps(spec_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
