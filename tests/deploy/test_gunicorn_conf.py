"""deploy/gunicorn.conf.py: gthread workers sized from the CPUs (WEB_CONCURRENCY wins), the
timeouts and worker recycling from the environment, JSON logs; gunicorn accepts every value."""

import logging.config
import runpy

import pytest
from gunicorn.config import Config

from tests.deploy.environment import ROOT

CONF = ROOT / "deploy" / "gunicorn.conf.py"
VARIABLES = ("PORT", "HOST", "WEB_CONCURRENCY", "GUNICORN_THREADS", "GUNICORN_TIMEOUT", "GUNICORN_GRACEFUL_TIMEOUT",
             "GUNICORN_MAX_REQUESTS", "GUNICORN_MAX_REQUESTS_JITTER", "GUNICORN_CONTROL_SOCKET", "LOG_LEVEL")


def _load(monkeypatch, **env) -> dict:
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    namespace = runpy.run_path(str(CONF))
    config = Config()
    for name, value in namespace.items():
        if name in config.settings:
            config.set(name, value)  # gunicorn's own validation of each setting
    return namespace | {"_config": config}


def test_defaults(monkeypatch):
    conf = _load(monkeypatch)
    cpus = conf["usable_cpus"]()
    assert conf["workers"] == 2 * cpus + 1
    assert conf["worker_class"] == "gthread" and conf["threads"] >= 2
    assert conf["bind"] == "0.0.0.0:8000"
    assert conf["timeout"] >= 60 and conf["graceful_timeout"] >= 60  # long uploads and imports
    assert conf["max_requests"] > 0 and 0 < conf["max_requests_jitter"] < conf["max_requests"]
    assert conf["preload_app"] is False
    assert conf["control_socket_disable"] is True
    assert conf["_config"].worker_class_str == "gthread"


def test_the_environment_wins(monkeypatch):
    conf = _load(monkeypatch, PORT="9123", HOST="127.0.0.1", WEB_CONCURRENCY="3", GUNICORN_THREADS="8",
                 GUNICORN_TIMEOUT="300", GUNICORN_GRACEFUL_TIMEOUT="200", GUNICORN_MAX_REQUESTS="50",
                 GUNICORN_MAX_REQUESTS_JITTER="5")
    config = conf["_config"]
    assert config.bind == ["127.0.0.1:9123"]
    assert (config.workers, config.threads, config.timeout, config.graceful_timeout) == (3, 8, 300, 200)
    assert (config.max_requests, config.max_requests_jitter) == (50, 5)


def test_usable_cpus_is_at_least_one(monkeypatch):
    assert _load(monkeypatch)["usable_cpus"]() >= 1


@pytest.mark.parametrize("logger", ["gunicorn.access", "gunicorn.error"])
def test_logs_are_json(monkeypatch, logger):
    conf = _load(monkeypatch)
    config = conf["logconfig_dict"]
    handler = config["handlers"][config["loggers"][logger]["handlers"][0]]
    assert config["formatters"][handler["formatter"]]["()"] == "timba.runtime.logs.JsonFormatter"
    assert config["loggers"][logger]["propagate"] is False  # one line per record, not two
    logging.config.dictConfig({**config, "disable_existing_loggers": False})  # it loads
    logging.config.dictConfig({"version": 1, "disable_existing_loggers": False})
