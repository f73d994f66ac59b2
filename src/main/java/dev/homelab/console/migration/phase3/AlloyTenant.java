package dev.homelab.console.migration.phase3;

import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.util.Json;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tenant Alloy sends to a multi-tenant Loki, read from its River/Alloy configuration in the release values
 * ({@code tenant_id = "homelab"} in a {@code loki.write} block), so Vector keeps writing to the same tenant.
 */
final class AlloyTenant {

    private static final Pattern TENANT = Pattern.compile("tenant_id\\s*=\\s*\"([^\"]+)\"");

    private AlloyTenant() {
    }

    static Optional<String> find(List<HelmRelease> releases) {
        for (HelmRelease release : releases) {
            if (!"alloy".equals(release.chartName())) {
                continue;
            }
            Matcher matcher = TENANT.matcher(Json.YAML.writeValueAsString(release.values()).replace("\\\"", "\""));
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }
}
