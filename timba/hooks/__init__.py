"""Hand-written behaviour, one module per resource. codegen creates a module once when it is
missing and never touches it again."""
