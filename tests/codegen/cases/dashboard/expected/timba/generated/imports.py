# generated from resources.yaml by codegen 0.1.0 — do not edit

"""What imports map and convert columns with, registered into timba.runtime.imports when the app loads."""
