package dev.homelab.console.logs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands out one {@link StreamLabels} per distinct label set, so a buffer of 10,000 lines from 30 streams holds 30
 * label maps, not 10,000. Bounded (least recently used are forgotten); safe for one receiving thread at a time.
 */
final class LabelsInterner {

    private static final int MAX_STREAMS = 2_000;

    private final Map<Map<String, String>, StreamLabels> known = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Map<String, String>, StreamLabels> eldest) {
            return size() > MAX_STREAMS;
        }
    };

    synchronized StreamLabels intern(Map<String, String> labels) {
        return known.computeIfAbsent(labels, StreamLabels::of);
    }
}
