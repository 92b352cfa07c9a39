# generated from resources.yaml by codegen 0.1.0 — do not edit

"""django-import-export resources for the resources that enable import/export."""
