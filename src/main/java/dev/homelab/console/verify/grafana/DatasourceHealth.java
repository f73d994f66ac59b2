package dev.homelab.console.verify.grafana;

/** What {@code GET /api/datasources/uid/<uid>/health} answered. */
public record DatasourceHealth(String uid, boolean ok, int httpStatus, String message) {
}
