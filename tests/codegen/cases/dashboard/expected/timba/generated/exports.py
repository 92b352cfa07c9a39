# generated from resources.yaml by codegen 0.1.0 — do not edit

"""Spreadsheet exports (CSV, XLSX) of the resources that enable import/export: their columns."""
