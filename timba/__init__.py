"""timba: the Django project, its shared runtime (timba.runtime) and the generated code."""
