package io.cacifo.kit.security;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nonces seen within the signature window, so a captured request cannot be sent again. Entries
 * expire once their timestamp is outside the window (the verifier refuses those anyway). The cache
 * is per JVM: after a restart a replay is still bounded by the timestamp window.
 */
final class NonceCache {
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final int capacity;
    private long nextPurge;

    NonceCache(int capacity) {
        this.capacity = capacity;
    }

    /** True the first time a nonce is offered while it is valid; false for a repeat or when the cache is full. */
    boolean firstUse(String nonce, long expiresAtSecond, long nowSecond) {
        purge(nowSecond);
        if (seen.size() >= capacity) {
            return false;
        }
        return seen.putIfAbsent(nonce, expiresAtSecond) == null;
    }

    private void purge(long nowSecond) {
        synchronized (this) {
            if (nowSecond < nextPurge && seen.size() < capacity) {
                return;
            }
            nextPurge = nowSecond + 1;
        }
        for (Iterator<Long> it = seen.values().iterator(); it.hasNext(); ) {
            if (it.next() < nowSecond) {
                it.remove();
            }
        }
    }
}
