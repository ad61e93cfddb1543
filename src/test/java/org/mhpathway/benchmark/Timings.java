package org.mhpathway.benchmark;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Latencies of one measurement and the wall time they took, as percentiles (nearest rank) and calls a second. */
final class Timings {

    private final List<Long> nanos = new ArrayList<>();
    private long wallNanos;

    synchronized void add(long latencyNanos) {
        nanos.add(latencyNanos);
    }

    void wall(long elapsedNanos) {
        this.wallNanos = elapsedNanos;
    }

    synchronized int count() {
        return nanos.size();
    }

    /** Milliseconds at the p-th percentile; NaN with no samples. */
    synchronized double percentile(double p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))) / 1e6;
    }

    /** Completed calls a second over the wall time of the measurement. */
    synchronized double perSecond() {
        return wallNanos == 0 ? Double.NaN : nanos.size() / (wallNanos / 1e9);
    }
}
