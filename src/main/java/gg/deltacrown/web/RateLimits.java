package gg.deltacrown.web;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Request budgets per client, in memory (per instance; docs/adr/0008-api-throttling.md): one
 * token bucket per key that holds {@code rate.requests} tokens and refills them evenly over
 * {@code rate.period}, so a client gets its burst and then the configured average.
 */
class RateLimits {

    private static final int SWEEP_EVERY = 4096;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final LongSupplier nanoClock;

    RateLimits(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    RateLimits() {
        this(System::nanoTime);
    }

    /** Takes one request from the key's budget: empty if allowed, else the seconds to wait. */
    OptionalLong take(String key, Rate rate) {
        long now = nanoClock.getAsLong();
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            buckets.values().removeIf(bucket -> bucket.isFullAt(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(rate, now)).take(now);
    }

    /** Returns one request to the key's budget (a login that succeeded costs nothing). */
    void giveBack(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            bucket.giveBack();
        }
    }

    /** Forgets every budget (tests start from a clean slate). */
    void clear() {
        buckets.clear();
    }

    private static final class Bucket {
        private final double capacity;
        private final double tokensPerNano;
        private double tokens;
        private long updatedAt;

        Bucket(Rate rate, long now) {
            this.capacity = rate.requests();
            this.tokensPerNano = rate.requests() / (double) rate.period().toNanos();
            this.tokens = capacity;
            this.updatedAt = now;
        }

        synchronized OptionalLong take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return OptionalLong.empty();
            }
            long waitNanos = (long) Math.ceil((1 - tokens) / tokensPerNano);
            return OptionalLong.of(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }

        synchronized void giveBack() {
            tokens = Math.min(capacity, tokens + 1);
        }

        synchronized boolean isFullAt(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updatedAt) * tokensPerNano);
            updatedAt = now;
        }
    }
}
