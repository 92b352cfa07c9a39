"""A throwaway MariaDB server for the resilience tests: its own data directory under a temporary
path, its own spare loopback port and socket, root with an empty password. The machine's shared
server (127.0.0.1:3306) is never touched: every statement here goes to `self.port`.

`MariaDB(path, server_id=1, log_bin=True)` installs the data directory; `start()` runs
`mariadbd` and waits until it answers; `stop()` shuts it down (SIGTERM, then SIGKILL past a
bound); `freeze()`/`thaw()` stop and continue the process (SIGSTOP, SIGCONT); `replicate_from(primary)` makes it a GTID replica of another one. Every wait is bounded.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

SEARCH = ("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin")
START_TIMEOUT = 60
STOP_TIMEOUT = 30


def binary(*names: str) -> str | None:
    """The first of `names` on PATH or in the usual system directories."""
    for name in names:
        found = shutil.which(name) or next((f"{d}/{name}" for d in SEARCH if os.access(f"{d}/{name}", os.X_OK)), None)
        if found:
            return found
    return None


def missing() -> str | None:
    """Why no server can be started here, or None when one can."""
    if binary("mariadbd", "mysqld") is None:
        return "no mariadbd/mysqld binary on this machine"
    if binary("mariadb-install-db", "mysql_install_db") is None:
        return "no mariadb-install-db/mysql_install_db on this machine"
    try:
        import MySQLdb  # noqa: F401
    except ImportError:
        return "mysqlclient is not installed (make install-mysql)"
    return None


def die_with_parent() -> None:
    """preexec_fn of every server started here: killed when the test process dies, even by a
    timeout that leaves it no time for its finalizers (Linux; elsewhere a no-op)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MariaDB:
    def __init__(self, path: Path, *, server_id: int = 1, log_bin: bool = True):
        self.path = Path(path)
        self.datadir = self.path / "data"
        self.socket = self.path / "sock"
        self.log = self.path / "error.log"
        self.server_id = server_id
        self.log_bin = log_bin
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        self.user = getpass.getuser()
        self.path.mkdir(parents=True, exist_ok=True)
        install = binary("mariadb-install-db", "mysql_install_db")
        result = subprocess.run(
            [install, "--no-defaults", f"--datadir={self.datadir}", "--auth-root-authentication-method=normal",
             f"--user={self.user}", "--skip-test-db"],
            capture_output=True, text=True, timeout=120,
        )
        if result.returncode != 0:
            raise RuntimeError(f"{install} failed: {result.stderr[-2000:]}")

    def url(self, database: str) -> str:
        return f"mysql://root:@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        if self.running():
            return
        args = [
            binary("mariadbd", "mysqld"), "--no-defaults", f"--datadir={self.datadir}", f"--port={self.port}",
            "--bind-address=127.0.0.1", f"--socket={self.socket}", f"--pid-file={self.path / 'pid'}",
            f"--user={self.user}", f"--log-error={self.log}", f"--server-id={self.server_id}",
            "--skip-name-resolve", "--innodb-buffer-pool-size=64M", "--max-connections=200",
            "--character-set-server=utf8mb4", "--collation-server=utf8mb4_unicode_ci",
        ]
        if self.log_bin:
            args += [f"--log-bin={self.path / 'binlog'}", "--binlog-format=ROW"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                        preexec_fn=die_with_parent)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mariadbd exited with {self.process.returncode}: {self.tail()}")
            try:
                self.query("SELECT 1")
                return
            except Exception:
                time.sleep(0.2)
        self.kill()
        raise RuntimeError(f"mariadbd did not answer within {START_TIMEOUT}s: {self.tail()}")

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def freeze(self) -> None:
        """SIGSTOP: the server keeps its port and connections but answers nothing."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        if self.running():
            self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        """A clean shutdown (SIGTERM), bounded; SIGKILL past the bound."""
        if not self.running():
            return
        self.thaw()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        if self.running():
            self.process.kill()
            self.process.wait(timeout=STOP_TIMEOUT)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.path, ignore_errors=True)

    def tail(self, size: int = 2000) -> str:
        try:
            return self.log.read_text(errors="replace")[-size:]
        except OSError:
            return ""

    def connect(self, database: str | None = None):
        import MySQLdb

        options = {"db": database} if database else {}
        return MySQLdb.connect(host="127.0.0.1", port=self.port, user="root", passwd="", connect_timeout=3,
                               charset="utf8mb4", autocommit=True, **options)

    def query(self, sql: str, params=None, database: str | None = None) -> list[tuple]:
        connection = self.connect(database)
        try:
            cursor = connection.cursor()
            cursor.execute(sql, params)
            return list(cursor.fetchall()) if cursor.description else []
        finally:
            connection.close()

    def replicate_from(self, primary: MariaDB) -> None:
        """A GTID replica of `primary` from the start of its binary log (which holds every
        change since it was started with --log-bin)."""
        self.query("STOP SLAVE")
        self.query("RESET SLAVE ALL")
        self.query("SET GLOBAL gtid_slave_pos = ''")
        self.query(
            f"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT={primary.port}, MASTER_USER='root', "
            "MASTER_PASSWORD='', MASTER_CONNECT_RETRY=1, MASTER_USE_GTID=slave_pos"
        )
        self.query("START SLAVE")

    def replica_status(self) -> dict:
        import MySQLdb.cursors

        connection = self.connect()
        try:
            cursor = connection.cursor(MySQLdb.cursors.DictCursor)
            cursor.execute("SHOW SLAVE STATUS")
            row = cursor.fetchone()
            return dict(row) if row else {}
        finally:
            connection.close()
