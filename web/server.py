"""Serving the viewer: waitress on a socket bound once, in one or several processes.

The embedded store allows several read-only processes at once, so ``workers > 1``
binds the listening socket in the parent and forks that many children (POSIX
only), each with its own app, store and caches; the kernel hands each new
connection to one of them. Python's GIL makes one process use one core, so on a
machine with more cores than one several workers answer more requests at once
(``bench/web_load.py`` measures it). ``workers=1`` serves in this process.
"""

from __future__ import annotations

import errno
import ipaddress
import os
import signal
import socket
import sys
from collections.abc import Callable
from typing import Any

from ..graph.errors import InputError

__all__ = ["PortBusy", "bind", "is_loopback", "serve"]


class PortBusy(InputError):
    """The port is taken by another program."""


def is_loopback(host: str) -> bool:
    """True when ``host`` is reachable only from this machine.

    >>> is_loopback("127.0.0.1"), is_loopback("localhost"), is_loopback("0.0.0.0")
    (True, True, False)
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port``; a taken port is one German line."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as e:
        sock.close()
        if e.errno == errno.EADDRINUSE:
            raise PortBusy(
                f"port {port} on {host} is in use",
                f"Port {port} ist schon belegt (ein anderes Programm oder ein zweiter "
                f"Viewer). Bitte einen anderen wählen, z. B. --port {port + 1} "
                f"(make demo PORT={port + 1}).") from None
        raise InputError(f"cannot listen on {host}:{port}: {e}",
                         f"Auf {host}:{port} kann der Viewer nicht lauschen: "
                         f"{e.strerror or e}.") from None
    sock.listen(1024)
    return sock


def _serve_here(make_app: Callable[[], Any], sock: socket.socket, threads: int) -> None:
    from waitress import create_server

    server = create_server(make_app(), sockets=[sock], threads=threads, ident="kommunalgraph")
    server.run()


def serve(make_app: Callable[[], Any], sock: socket.socket, *, threads: int = 8,
          workers: int = 1) -> None:
    """Serve ``make_app()`` on ``sock`` until interrupted (SIGINT or SIGTERM).

    With ``workers > 1`` each worker process calls ``make_app`` itself after the
    fork, so no store or thread is shared between processes.
    """
    if workers <= 1 or not hasattr(os, "fork"):
        _serve_here(make_app, sock, threads)
        return
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # the worker
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            try:
                _serve_here(make_app, sock, threads)
            finally:
                os._exit(0)
        children.append(pid)

    def stop(*_: Any) -> None:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass

    signal.signal(signal.SIGTERM, lambda *a: (stop(), sys.exit(0)))
    try:
        for pid in children:
            os.waitpid(pid, 0)
    except KeyboardInterrupt:
        stop()
    finally:
        sock.close()
