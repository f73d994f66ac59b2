package dev.homelab.console.stack.vm;

import dev.homelab.console.stack.PiProfile.Resources;

import java.util.Map;

/**
 * {@code vmalert:} — evaluates every VMRule (the sync-job's default rules and the ones converted from existing
 * PrometheusRules; {@code selectAllByDefault} stays on) and notifies the stack's Alertmanager.
 */
public record VmAlertValues(Resources resources, Resources configReloader) {

    public Map<String, Object> toValues() {
        return OrderedMap.of(
                "enabled", true,
                "spec", OrderedMap.of(
                        "selectAllByDefault", true,
                        "resources", resources.toValues(),
                        "configReloaderResources", configReloader.toValues()));
    }
}
