package dev.homelab.console.migration;

import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.ReleaseRequest;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds the {@link PlannedChange}s of Helm releases and Kubernetes objects, with masked values and diffs. */
public final class HelmPlans {

    private HelmPlans() {
    }

    /** helm install (absent) or upgrade (present) of {@code request}, diffed against the installed values. */
    public static PlannedChange installOrUpgrade(StepContext context, ReleaseRequest request, String description) {
        Optional<HelmRelease> installed = context.releases().get(request.namespace(), request.name());
        SecretMasker masker = context.masker();
        String planned = ValuesDiff.toYaml(masker.maskValues(request.values()));
        String current = installed.map(r -> ValuesDiff.toYaml(masker.maskValues(r.values()))).orElse("");
        String fromLabel = installed.map(r -> "installed " + r.chart() + " revision " + r.revision())
                .orElse("not installed");
        List<String> diff = ValuesDiff.unified(fromLabel, current, "planned " + request.chart(), planned);
        ChangeKind kind = installed.isPresent() ? ChangeKind.HELM_UPGRADE : ChangeKind.HELM_INSTALL;
        return new PlannedChange(kind, "HelmRelease", request.namespace(), request.name(), description,
                request.chart(), installed.map(HelmRelease::revision).orElse(0), planned, diff);
    }

    /** helm uninstall of an installed release (the diff shows all its values going away). */
    public static PlannedChange uninstall(StepContext context, HelmRelease installed, String description) {
        String current = ValuesDiff.toYaml(context.masker().maskValues(installed.values()));
        return new PlannedChange(ChangeKind.HELM_UNINSTALL, "HelmRelease", installed.namespace(), installed.name(),
                description, null, installed.revision(), "",
                ValuesDiff.unified("installed " + installed.chart() + " revision " + installed.revision(), current,
                        "uninstalled", ""));
    }

    /**
     * Create, update or delete of a Kubernetes object; {@code current} / {@code planned} are its content (null when
     * absent). Secret values must already be masked by the caller or come as key names only.
     */
    public static PlannedChange object(StepContext context, String objectKind, String namespace, String name,
                                       Map<String, Object> current, Map<String, Object> planned, String description) {
        ChangeKind kind = planned == null ? ChangeKind.DELETE : current == null ? ChangeKind.CREATE : ChangeKind.UPDATE;
        SecretMasker masker = context.masker();
        String from = current == null ? "" : ValuesDiff.toYaml(masker.maskValues(current));
        String to = planned == null ? "" : ValuesDiff.toYaml(masker.maskValues(planned));
        return new PlannedChange(kind, objectKind, namespace, name, description, null, 0, to,
                ValuesDiff.unified(current == null ? "absent" : "in the cluster", from,
                        planned == null ? "deleted" : "planned", to));
    }
}
