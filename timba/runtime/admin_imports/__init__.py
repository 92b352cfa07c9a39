"""The admin's import, on timba.runtime.imports' engine: upload (the file kept when it is
refused), preview (the mapping, counts, samples, errors), confirm (all-or-nothing or skipping
the errors), progress while a job runs, and undo. `views.ImportViewsMixin` adds the pages to a
model admin; `runs.ImportRunAdmin` lists the runs."""
