"""The deployment files: hadolint and the Compose Specification's schema accept them (what `make
lint-deploy` runs), the compose file wires the services as the README says, nothing secret is
committed, and the image's final stage holds no build tool."""

import re
import subprocess
import sys
from pathlib import Path

import yaml

from tests.deploy.environment import ROOT

BIN = Path(sys.executable).parent
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]


def _run(*command):
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)


def test_hadolint_accepts_the_dockerfile():
    result = _run(str(BIN / "hadolint"), "--config", ".hadolint.yaml", "Dockerfile")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_compose_file_matches_the_compose_specification(tmp_path):
    check = str(BIN / "check-jsonschema")
    result = _run(check, "--builtin-schema", "vendor.compose-spec", "docker-compose.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "docker-compose.yml"  # the same check refuses a wrong key: it is not vacuous
    broken.write_text((ROOT / "docker-compose.yml").read_text().replace("    restart: unless-stopped", "    restart_policy: always", 1))
    assert _run(check, "--builtin-schema", "vendor.compose-spec", str(broken)).returncode != 0


def test_the_services():
    backend, mysql = SERVICES["backend_service"], SERVICES["mysql_service"]
    assert backend["ports"] == ["${BACKEND_PORT:-8000}:8000"]
    assert backend["depends_on"]["mysql_service"] == {"condition": "service_healthy"}
    assert mysql["image"] == "mysql:8.4" and "healthcheck" in mysql
    assert "--character-set-server=utf8mb4" in mysql["command"] and "--collation-server=utf8mb4_unicode_ci" in mysql["command"]
    assert mysql["volumes"][0].split(":")[0] in COMPOSE["volumes"]  # a named volume
    assert SERVICES["worker_service"]["entrypoint"][:4] == ["celery", "-A", "timba", "worker"]
    assert "healthcheck" in SERVICES["redis_service"]
    for name in ("backend_service", "worker_service", "backend_replica_service"):
        assert SERVICES[name]["env_file"] == ".env"


def test_the_scale_profile_puts_two_backends_behind_a_load_balancer():
    scaled = {name for name, service in SERVICES.items() if "scale" in service.get("profiles", [])}
    assert scaled == {"backend_replica_service", "lb_service"}
    assert SERVICES["backend_replica_service"]["environment"]["RUN_MIGRATIONS"] == "0"
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "server backend_service:8000" in nginx and "server backend_replica_service:8000" in nginx
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in SERVICES["lb_service"]["volumes"]


def test_no_secret_is_committed_and_every_variable_is_documented():
    example = (ROOT / ".env.example").read_text()
    values = dict(re.findall(r"^([A-Z_]+)=(.*)$", example, re.M))
    for name in ("SECRET_KEY", "MYSQL_PASSWORD", "MYSQL_ROOT_PASSWORD"):
        assert values[name] == "", f"{name} has a value in .env.example"
    compose = (ROOT / "docker-compose.yml").read_text()
    for name, service in SERVICES.items():
        for key, value in (service.get("environment") or {}).items():
            if re.search(r"PASSWORD|SECRET", key):
                assert value == "" or "${" in value, f"{name}.{key} is written in docker-compose.yml"
            if key.endswith("_URL"):
                assert not re.search(r"://[^:@/$]+:[^@$]+@", value), f"{name}.{key} holds a literal password"
    documented = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", example, re.M))
    used = set(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", compose))
    assert used <= documented, f"not in .env.example: {sorted(used - documented)}"


def test_the_final_image_stage_holds_no_build_tool():
    instructions = "".join(line for line in (ROOT / "Dockerfile").open() if not line.lstrip().startswith("#"))
    stages = re.split(r"^FROM ", instructions, flags=re.M)[1:]
    builder, final = stages[0], stages[-1]
    assert builder.startswith("${PYTHON_IMAGE} AS builder") and "default-libmysqlclient-dev" in builder
    for tool in ("build-essential", "default-libmysqlclient-dev", "pkg-config", "gcc"):
        assert tool not in final
    assert "COPY --from=builder /opt/venv /opt/venv" in final and "libmariadb3" in final
    assert re.search(r"^USER (?!root|0\b)", final, re.M)
    assert re.search(r"^HEALTHCHECK .*\n.*/healthz", final, re.M)
    assert "ARG PYTHON_IMAGE=python:3.11-slim" in (ROOT / "Dockerfile").read_text()
