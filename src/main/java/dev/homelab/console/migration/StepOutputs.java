package dev.homelab.console.migration;

import java.util.Optional;

/** Non-secret outputs of steps, kept in the journal so they survive a restart. */
public interface StepOutputs {

    Optional<String> get(String stepId, String key);

    void put(String stepId, String key, String value);
}
