"""Look-ups of the optional hooks in the hand-written modules timba/hooks/<resource>.py."""

from importlib import import_module


def hooks_module(snake: str):
    return import_module(f"timba.hooks.{snake}")


def extend_router(snake: str, router) -> None:
    """Let the resource's hook module add endpoints to its router (`extend_router(router)`)."""
    extend = getattr(hooks_module(snake), "extend_router", None)
    if extend is not None:
        extend(router)
