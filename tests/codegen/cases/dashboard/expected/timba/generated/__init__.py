# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Code generated from resources.yaml. Edit the spec or timba/hooks/, never these files."""
