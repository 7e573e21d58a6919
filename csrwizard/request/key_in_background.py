"""A key made in another thread while the rest goes on: the wizard's later steps, or the rest of a
batch run's imports and checks. RSA generation releases the GIL, so the two really overlap."""

from __future__ import annotations

import threading
from typing import Callable


class KeyInBackground:
    """One key of one size; `result()` waits for it (call it from a worker, never the event loop)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.thread_name = ""
        self._done = threading.Event()
        self._key = None
        self._error: BaseException | None = None

    @classmethod
    def started(cls, size: int, factory: Callable[[int], object] | None = None) -> KeyInBackground:
        """Start one in a daemon thread of its own (the wizard uses a Textual worker instead)."""
        if factory is None:
            # Only the RSA module, and in the caller: imported in the thread, it would contend for
            # the GIL with the caller's own imports and start the key later (measured: ~10 ms).
            from csrwizard.request.key_generation import make_key

            factory = make_key
        job = cls(size)
        threading.Thread(target=job.run, args=(factory,), name=f"key-{size}", daemon=True).start()
        return job

    def run(self, factory: Callable[[int], object]) -> None:
        self.thread_name = threading.current_thread().name
        try:
            self._key = factory(self.size)
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits for the key
            self._error = error
        finally:
            self._done.set()

    @property
    def ready(self) -> bool:
        return self._done.is_set()

    def result(self):
        self._done.wait()
        if self._error is not None:
            raise self._error
        return self._key
