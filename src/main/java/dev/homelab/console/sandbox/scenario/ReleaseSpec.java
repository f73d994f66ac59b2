package dev.homelab.console.sandbox.scenario;

import java.util.Map;

/** A Helm release installed in the lab when it starts: chart name and version, and the user-supplied values. */
public record ReleaseSpec(String name, String namespace, String chart, String version, String appVersion,
                          Map<String, Object> values) {

    public ReleaseSpec {
        values = values == null ? Map.of() : values;
    }
}
