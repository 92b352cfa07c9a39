"""Base schemas for generated input: unknown keys are an error, not silently dropped."""

from ninja import Schema
from pydantic import ConfigDict


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")
