"""SIGTERM to the gunicorn master while requests are in flight: they finish (each one a write that
answers 201), then the server exits cleanly (status 0)."""

import json
import secrets
import socket
import time

from app_server import request, wait_for

IN_FLIGHT = 3


def start_upload(port: int, token: str, name: str) -> tuple[socket.socket, bytes]:
    """A POST whose headers and first half of the body are sent: the worker has the request
    and waits for the rest. Returns the socket and the rest of the body."""
    body = json.dumps({"name": name}).encode()
    head = (f"POST /api/v1/roles HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n").encode()
    connection = socket.create_connection(("127.0.0.1", port), timeout=30)
    half = len(body) // 2
    connection.sendall(head + body[:half])
    return connection, body[half:]


def finish(connection: socket.socket, rest: bytes) -> int | None:
    try:
        connection.sendall(rest)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
        return int(answer.split(b" ", 2)[1]) if answer.startswith(b"HTTP/") else None
    except OSError:
        return None
    finally:
        connection.close()


def test_sigterm_lets_in_flight_requests_finish_then_exits_cleanly(app, serve, record):
    server = serve()
    names = [f"sigterm-{secrets.token_hex(4)}-{i}" for i in range(IN_FLIGHT)]
    uploads = [start_upload(server.port, app.token, name) for name in names]
    wait_for(lambda: False, 1)  # the workers take the connections and start reading the bodies

    server.process.send_signal(15)
    signalled_at = time.time()
    wait_for(lambda: False, 1)
    waiting = server.running()  # the master waits for the workers' requests
    statuses = [finish(connection, rest) for connection, rest in uploads]
    try:
        code = server.process.wait(timeout=60)
    finally:
        stopped_at = time.time()
        server.stop()
    record("sigterm", {"in_flight": IN_FLIGHT, "answers": statuses, "exit_code": code,
                       "seconds_from_sigterm_to_exit": round(stopped_at - signalled_at, 2)})

    assert waiting, "the server exited before its in-flight requests finished"
    assert statuses == [201] * IN_FLIGHT, statuses
    assert code == 0, server.log_tail()
    # the writes the requests made are there: check through a fresh server
    again = serve()
    status, _, body = request(again.port, "GET", "/api/v1/roles?limit=500", token=app.token)
    assert status == 200
    stored = {row["name"] for row in json.loads(body)["items"]}
    assert set(names) <= stored
