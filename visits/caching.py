"""Rendered bodies kept in process memory, keyed by the ETag of the data they show.

A key names a version of the data, so an entry is never stale: a change makes a new key,
and old entries simply age out. Each worker keeps its own; nothing is shared. A cache is
bounded in entries and in bytes: the least recently used entries leave first.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps
from typing import TypeVar, cast

# What an entry costs beyond its body: the dictionary slot, the key, the bytes object.
ENTRY_OVERHEAD = 200
# The default byte bound of a cache whose owner does not set one.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

Function = TypeVar("Function", bound=Callable[..., bytes])


class BodyCache:
    """A thread-safe LRU of response bodies, at most `size` entries and `max_bytes` bytes.

    An entry costs its body, `ENTRY_OVERHEAD` and what `weigh_key` says its key holds (the
    texts of an event in a rendering's key). A body larger than the bound is not kept.
    """

    def __init__(
        self,
        size: int | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        weigh_key: Callable[[Hashable], int] | None = None,
    ) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self._weigh_key = weigh_key
        self._items: OrderedDict[Hashable, tuple[bytes, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> bytes | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self.hits += 1
            self._items.move_to_end(key)
            return item[0]

    def put(self, key: Hashable, body: bytes) -> None:
        cost = len(body) + ENTRY_OVERHEAD + (self._weigh_key(key) if self._weigh_key else 0)
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if cost > self.max_bytes:
                return
            self._items[key] = (body, cost)
            self._bytes += cost
            while self._bytes > self.max_bytes or (self.size and len(self._items) > self.size):
                _, (_, freed) = self._items.popitem(last=False)
                self._bytes -= freed

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0
            self.hits = self.misses = 0

    @property
    def bytes(self) -> int:
        """What the entries cost now, at most `max_bytes`."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)


def memoized(cache: BodyCache, kind: str) -> Callable[[Function], Function]:
    """Memoize a function of hashable positional arguments that returns bytes in `cache`,
    under keys (kind, *arguments): several functions can share one cache and its bound."""

    def decorate(function: Function) -> Function:
        @wraps(function)
        def cached(*args: Hashable) -> bytes:
            key = (kind, *args)
            body = cache.get(key)
            if body is None:
                body = function(*args)
                cache.put(key, body)
            return body

        return cast(Function, cached)

    return decorate
