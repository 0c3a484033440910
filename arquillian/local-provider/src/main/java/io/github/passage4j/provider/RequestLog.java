package io.github.passage4j.provider;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the requests each endpoint received and keeps the latest ones, for tests to check. */
final class RequestLog {

    /** Requests kept per endpoint; counts go on beyond it. */
    static final int KEPT = 100;

    private final Map<Endpoint, AtomicInteger> counts = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, Deque<RecordedRequest>> recent = new EnumMap<>(Endpoint.class);

    RequestLog() {
        for (Endpoint endpoint : Endpoint.values()) {
            counts.put(endpoint, new AtomicInteger());
            recent.put(endpoint, new ArrayDeque<>());
        }
    }

    void count(Endpoint endpoint) {
        counts.get(endpoint).incrementAndGet();
    }

    void record(Endpoint endpoint, RecordedRequest request) {
        Deque<RecordedRequest> kept = recent.get(endpoint);
        synchronized (kept) {
            if (kept.size() == KEPT) {
                kept.removeFirst();
            }
            kept.addLast(request);
        }
    }

    int countOf(Endpoint endpoint) {
        return counts.get(endpoint).get();
    }

    List<RecordedRequest> recent(Endpoint endpoint) {
        Deque<RecordedRequest> kept = recent.get(endpoint);
        synchronized (kept) {
            return List.copyOf(new ArrayList<>(kept));
        }
    }

    void clear() {
        for (Endpoint endpoint : Endpoint.values()) {
            counts.get(endpoint).set(0);
            Deque<RecordedRequest> kept = recent.get(endpoint);
            synchronized (kept) {
                kept.clear();
            }
        }
    }
}
