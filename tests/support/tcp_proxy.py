"""A TCP proxy on loopback that can freeze: connections stay open, no byte passes.

That is how a hung database looks from the client (frozen storage, a dropped network
path, a fail-over in progress): connecting still works, every write is accepted by the
kernel, and nothing ever comes back. Usage (tests and benchmarks alike)::

    from tests.support.tcp_proxy import TcpProxy

    with TcpProxy(("127.0.0.1", 5432)) as proxy:
        url = f"postgresql+psycopg://postgres@127.0.0.1:{proxy.port}/test"
        ...  # warm up through `url`; proxy_database(url) makes both from a database URL
        proxy.freeze()  # bytes already sent and sent from now on are held, in both directions
        ...
        proxy.thaw()  # held bytes are passed on, in order, and traffic flows again

Closing the proxy closes every connection it carries.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator
from types import TracebackType

from sqlalchemy.engine import make_url

# How often a pump holding bytes while frozen looks whether it should stop.
_POLL_S = 0.05
_CHUNK = 65536


class TcpProxy:
    """Forwards every connection made to `127.0.0.1:port` to `target`, a thread per direction."""

    def __init__(self, target: tuple[str, int], port: int = 0) -> None:
        """`port`: where to listen (0: a free one); a port a closed proxy used brings a
        database "back" at the address its clients know."""
        self.target = target
        self._listener = socket.create_server(("127.0.0.1", port))
        self._listener.settimeout(_POLL_S)  # a blocked accept() would not notice close()
        self.port: int = self._listener.getsockname()[1]
        self._passing = threading.Event()
        self._passing.set()
        self._closed = threading.Event()
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self.accepted = 0
        self._acceptor = threading.Thread(target=self._accept, name="proxy-accept", daemon=True)
        self._acceptor.start()

    def freeze(self) -> None:
        """Stop passing bytes; connections stay open and new ones are still accepted."""
        self._passing.clear()

    def thaw(self) -> None:
        """Pass bytes again, those held first."""
        self._passing.set()

    def close(self) -> None:
        self._closed.set()
        self._passing.set()
        self._listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            _close(sock)
        self._acceptor.join(timeout=5)

    def __enter__(self) -> TcpProxy:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _value: BaseException | None,
        _traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:  # the listener was closed
                return
            client.settimeout(None)
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                _close(client)
                continue
            upstream.settimeout(None)
            with self._lock:
                if self._closed.is_set():
                    _close(client)
                    _close(upstream)
                    return
                self._sockets += [client, upstream]
                self.accepted += 1
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pump, args=(source, sink), name="proxy-pump", daemon=True
                ).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        """Copies `source` to `sink`; while frozen, what it read waits here."""
        try:
            while True:
                data = source.recv(_CHUNK)
                # Held while frozen, and so is the end of the stream: the far side learns
                # nothing, not even that this side went away.
                while not self._passing.wait(_POLL_S):
                    if self._closed.is_set():
                        return
                if not data or self._closed.is_set():
                    return
                sink.sendall(data)
        except OSError:
            pass
        finally:
            # One side gone: the other side's pump stops too.
            _close(source)
            _close(sink)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()


@contextlib.contextmanager
def proxy_database(url: str) -> Iterator[tuple[TcpProxy, str]]:
    """A proxy in front of the database server of `url` (a SQLAlchemy URL), and the URL that
    reaches the same database through it."""
    parsed = make_url(url)
    with TcpProxy((parsed.host or "127.0.0.1", parsed.port or 5432)) as proxy:
        yield (
            proxy,
            parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False),
        )
