package dev.homelab.console.migration;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** The whole journal of one cluster: one record per step that ever changed state, plus the settings used. */
public record JournalState(int version, String clusterId, Instant updatedAt, MigrationSettings settings,
                           Map<String, StepRecord> steps) {

    public static final int VERSION = 1;

    public JournalState {
        steps = steps == null ? Map.of() : Map.copyOf(steps);
    }

    public static JournalState empty(String clusterId) {
        return new JournalState(VERSION, clusterId, null, null, Map.of());
    }

    public StepRecord step(String stepId, int phase) {
        StepRecord found = steps.get(stepId);
        return found != null ? found : StepRecord.notStarted(stepId, phase);
    }

    public JournalState with(StepRecord record, Instant at) {
        Map<String, StepRecord> copy = new LinkedHashMap<>(steps);
        copy.put(record.stepId(), record);
        return new JournalState(VERSION, clusterId, at, settings, copy);
    }

    public JournalState withSettings(MigrationSettings newSettings) {
        return new JournalState(VERSION, clusterId, updatedAt, newSettings, steps);
    }
}
