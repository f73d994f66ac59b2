package dev.homelab.console.migration.export;

import dev.homelab.console.migration.StepContext;
import dev.homelab.console.stack.gitops.TargetState;

import java.util.Optional;

/**
 * A step whose share of the target state can be exported for GitOps: computed exactly as its plan computes what it
 * installs or writes (releases, objects next to them, templates of the Secrets they use).
 */
public interface ExportsTarget {

    /** Empty when the step cannot compute its target yet (its preflight says why). */
    Optional<TargetState> target(StepContext context) throws Exception;
}
