"""Rendered bodies kept in process memory, keyed by the ETag of the data they show.

A key names a version of the data, so an entry is never stale: a change makes a new key,
and old entries simply age out. Each worker keeps its own; nothing is shared.
"""

import threading
from collections import OrderedDict


class BodyCache:
    """A bounded, thread-safe LRU of response bodies."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self._lock:
            body = self._items.get(key)
            if body is not None:
                self._items.move_to_end(key)
            return body

    def put(self, key: str, body: bytes) -> None:
        with self._lock:
            self._items[key] = body
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
