package dev.homelab.console.stack.grafana;

import dev.homelab.console.verify.grafana.GrafanaDatasource;

import java.util.Optional;

/**
 * What Phase 4 will do to one datasource, decided before anything changes: create it, update it (with the before
 * state for the diff and for undo), leave it, or refuse because changing it would break something silently.
 */
public record DatasourceChange(Action action, GrafanaDatasource target, Optional<GrafanaDatasource> current,
                               String reason) {

    public enum Action { CREATE, UPDATE, UNCHANGED, REFUSED }

    /**
     * Compares the target with what Grafana has under the same uid or name.
     */
    public static DatasourceChange decide(GrafanaDatasource target, Optional<GrafanaDatasource> current,
                                          boolean anotherDefaultExists) {
        if (current.isEmpty()) {
            if (target.isDefault() && anotherDefaultExists) {
                return new DatasourceChange(Action.REFUSED, target, current, "another datasource is already the "
                        + "default; create VictoriaMetrics without isDefault or change the default in Grafana first");
            }
            return new DatasourceChange(Action.CREATE, target, current, "no datasource " + target.name() + " yet");
        }
        GrafanaDatasource existing = current.get();
        if (!existing.type().equals(target.type())) {
            return new DatasourceChange(Action.REFUSED, target, current, "a datasource named " + existing.name()
                    + " exists with type " + existing.type() + "; dashboards using it would break. Rename one of them.");
        }
        boolean same = existing.url().equals(target.url()) && existing.jsonData().entrySet().containsAll(
                target.jsonData().entrySet());
        if (same) {
            return new DatasourceChange(Action.UNCHANGED, target, current, "already points at " + target.url());
        }
        if (existing.readOnly()) {
            return new DatasourceChange(Action.REFUSED, target, current, existing.name() + " is provisioned from a "
                    + "file or sidecar ConfigMap (read-only in the API); change it in its provisioning source");
        }
        return new DatasourceChange(Action.UPDATE, target, current, "points at " + existing.url() + " today");
    }
}
