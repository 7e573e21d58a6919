"""A server on 127.0.0.1 for the probe and journey tests: accepts until stopped, one handler a connection."""

from __future__ import annotations

import socket
import ssl
import threading


class LocalServer:
    """Accepts on 127.0.0.1 until stopped; `serve` handles each connection."""

    def __init__(self, serve) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.serve = serve
        self.thread = threading.Thread(target=self.accept_all, daemon=True)
        self.thread.start()

    def accept_all(self) -> None:
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return  # stopped
            try:
                self.serve(connection)
            except (OSError, ssl.SSLError):
                pass
            finally:
                connection.close()

    def stop(self) -> None:
        self.listener.close()
