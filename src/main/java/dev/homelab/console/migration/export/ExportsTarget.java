package dev.homelab.console.migration.export;

import dev.homelab.console.migration.StepContext;

import java.util.Optional;

/** A step whose target state can be exported for GitOps: the same release (and extra manifests) it installs. */
public interface ExportsTarget {

    /** Empty when the step cannot compute its target yet (say why in {@link TargetPart#note}). */
    Optional<TargetPart> target(StepContext context) throws Exception;
}
