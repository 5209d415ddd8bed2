"""The per-process body caches: least recently used first out, within bytes and entries."""

from visits.caching import ENTRY_OVERHEAD, BodyCache, memoized


def test_a_cache_keeps_within_its_bytes_dropping_the_least_recently_used():
    cache = BodyCache(max_bytes=3 * (100 + ENTRY_OVERHEAD))
    for key in "abc":
        cache.put(key, b"x" * 100)
    assert cache.get("a") == b"x" * 100  # now the most recently used
    cache.put("d", b"y" * 100)
    assert cache.get("b") is None
    assert [cache.get(key) is not None for key in "acd"] == [True, True, True]
    assert cache.bytes == 3 * (100 + ENTRY_OVERHEAD) and len(cache) == 3


def test_a_body_larger_than_the_bound_is_not_kept_and_a_new_body_replaces_the_old():
    cache = BodyCache(max_bytes=1000)
    cache.put("a", b"small")
    cache.put("a", b"z" * 2000)
    assert cache.get("a") is None and cache.bytes == 0
    cache.put("b", b"one")
    cache.put("b", b"two")
    assert cache.get("b") == b"two" and cache.bytes == 3 + ENTRY_OVERHEAD


def test_entries_and_the_weight_of_keys_count_too():
    cache = BodyCache(2)
    for key in "abc":
        cache.put(key, b"")
    assert len(cache) == 2 and cache.get("a") is None
    weighed = BodyCache(max_bytes=1000, weigh_key=lambda key: 500)
    weighed.put("a", b"")
    weighed.put("b", b"")
    assert len(weighed) == 1 and weighed.bytes == 500 + ENTRY_OVERHEAD


def test_memoized_functions_share_a_cache_under_their_own_kind():
    cache, calls = BodyCache(max_bytes=10_000), []

    @memoized(cache, "double")
    def double(text: str) -> bytes:
        calls.append(text)
        return text.encode() * 2

    @memoized(cache, "single")
    def single(text: str) -> bytes:
        return text.encode()

    assert double("ab") == double("ab") == b"abab"
    assert single("ab") == b"ab"
    assert calls == ["ab"] and len(cache) == 2
