package dev.homelab.console.stack.gitops;

import dev.homelab.console.helm.ChartRef;

import java.util.List;
import java.util.Map;

/**
 * One release of the target state, as GitOps tools need it: chart, namespace, complete values, and the Secrets it
 * expects to exist (names and keys only — values are never exported).
 */
public record ReleaseTarget(String name, String namespace, ChartRef chart, Map<String, Object> values,
                            List<SecretTemplate> secrets) {

    public ReleaseTarget {
        values = Map.copyOf(values);
        secrets = List.copyOf(secrets);
    }

    /** A Secret the release needs: its keys and where each value comes from, for the user to fill in. */
    public record SecretTemplate(String name, String namespace, Map<String, String> keysAndSources) {
        public SecretTemplate {
            keysAndSources = Map.copyOf(keysAndSources);
        }
    }
}
