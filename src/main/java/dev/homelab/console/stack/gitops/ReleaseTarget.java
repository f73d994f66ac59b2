package dev.homelab.console.stack.gitops;

import dev.homelab.console.helm.ChartRef;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One release of the target state, as GitOps tools need it: chart, namespace and the complete values (in the order
 * they were built, so the exported files read like the plan).
 */
public record ReleaseTarget(String name, String namespace, ChartRef chart, Map<String, Object> values) {

    public ReleaseTarget {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The file-name stem every file of this release shares: {@code monitoring-vmks}. */
    public String fileStem() {
        return namespace + "-" + name;
    }
}
