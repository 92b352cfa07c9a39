"""The Celery app, for background jobs (imports): `celery -A timba worker` (docker-compose.yml's
worker_service). Configured from Django's settings under the CELERY_ prefix: CELERY_BROKER_URL
(redis://... or amqp://...), CELERY_RESULT_BACKEND. Tasks live in each installed app's `tasks`
module (autodiscovered); declare them with `@app.task` from here."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "timba.settings")

app = Celery("timba")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
