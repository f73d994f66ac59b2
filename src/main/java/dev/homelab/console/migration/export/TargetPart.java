package dev.homelab.console.migration.export;

import dev.homelab.console.stack.gitops.ReleaseTarget;

import java.util.List;
import java.util.Map;

/** One step's share of the target state: its release and manifests that live next to it (e.g. a ConfigMap). */
public record TargetPart(ReleaseTarget release, List<Map<String, Object>> manifests) {

    public TargetPart {
        manifests = List.copyOf(manifests);
    }
}
