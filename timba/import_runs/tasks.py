"""The Celery tasks that run an import job (timba.runtime.imports.jobs) and an export job
(timba.runtime.exports.jobs), autodiscovered by the
worker (`celery -A timba worker`). acks_late (settings): a job whose worker dies is delivered
again, and the runner skips a job already taken up, so it never runs twice."""

from timba.celery import app


@app.task(name="timba.import_runs.run_import_job", acks_late=True, ignore_result=True)
def run_import_job(run_id: int, job_id: str) -> str:
    from timba.runtime.imports.jobs import run_job

    return run_job(run_id, job_id)


@app.task(name="timba.import_runs.run_export_job", acks_late=True, ignore_result=True)
def run_export_job(run_id: int, job_id: str) -> str:
    from timba.runtime.exports.jobs import run_job

    return run_job(run_id, job_id)
