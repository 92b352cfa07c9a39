"""timba/celery.py: the app `celery -A timba worker` runs, configured from Django's settings."""

from django.test import override_settings


def test_the_celery_app_reads_django_settings():
    from timba.celery import app

    assert app.main == "timba"
    assert app.conf.task_acks_late is True and app.conf.worker_prefetch_multiplier == 1


def test_celery_finds_the_app_from_the_package_name():
    from celery.app.utils import find_app

    from timba.celery import app

    with override_settings():
        assert find_app("timba") is app
