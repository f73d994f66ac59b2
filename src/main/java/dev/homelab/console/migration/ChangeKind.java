package dev.homelab.console.migration;

/** What kind of change a {@link PlannedChange} makes. */
public enum ChangeKind {
    HELM_REPOSITORY("add/update Helm repository"),
    HELM_INSTALL("helm install"),
    HELM_UPGRADE("helm upgrade"),
    HELM_UNINSTALL("helm uninstall"),
    CREATE("create"),
    UPDATE("update"),
    DELETE("delete"),
    /** An effect outside Kubernetes (a probe object written to and deleted from S3, a local backup file...). */
    EXTERNAL("external");

    private final String label;

    ChangeKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isHelmRelease() {
        return this == HELM_INSTALL || this == HELM_UPGRADE || this == HELM_UNINSTALL;
    }
}
