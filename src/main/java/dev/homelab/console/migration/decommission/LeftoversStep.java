package dev.homelab.console.migration.decommission;

import dev.homelab.console.migration.HelmPlans;
import dev.homelab.console.migration.MigrationJournal;
import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PlannedChange;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepPlan;
import dev.homelab.console.task.Progress;
import dev.homelab.console.util.Json;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import tools.jackson.core.type.TypeReference;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Phase 5, after the uninstall: lists what Helm left behind, each with what removing it means, and removes the safe
 * ones (kubelet Service/Endpoints, admission webhooks and their Secret, unused Alloy CRDs, objects converted from
 * kube-prometheus-stack). CRDs other apps still use and the old PVCs are kept unless the user opts in. Every deleted
 * object is first backed up (Secrets without their data) to a ConfigMap in homelab-console, from which undo
 * recreates them; PVC data can never come back.
 */
public final class LeftoversStep implements MigrationStep {

    public static final String ID = "leftovers";
    static final String BACKUP = "homelab-console-leftovers-backup";
    private static final String BACKUP_KEY = "objects.json";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String title() {
        return "Remove what Helm left behind";
    }

    @Override
    public int phase() {
        return 5;
    }

    @Override
    public List<PreflightCheck> preflight(StepContext context) {
        List<String> installed = DecommissionStep.targets(context).stream()
                .map(r -> r.namespace() + "/" + r.name()).toList();
        return List.of(installed.isEmpty()
                ? PreflightCheck.ok("uninstalled", "kube-prometheus-stack and Alloy are uninstalled", "no release left")
                : PreflightCheck.blocking("uninstalled", "kube-prometheus-stack and Alloy are uninstalled",
                "still installed: " + String.join(", ", installed), "Run the step \"" + DecommissionStep.ID
                        + "\" first; its leftovers only exist after the uninstall"));
    }

    @Override
    public boolean isDone(StepContext context) {
        return scan(context).stream().noneMatch(Leftover::remove);
    }

    @Override
    public StepPlan plan(StepContext context) {
        List<Leftover> leftovers = scan(context);
        List<PlannedChange> changes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Leftover leftover : leftovers) {
            if (leftover.remove()) {
                changes.add(HelmPlans.object(context, leftover.kind(), leftover.namespace(), leftover.name(),
                        Map.of("kind", leftover.kind()), null, leftover.consequence()));
            } else {
                notes.add("Kept " + leftover.key() + ": " + leftover.consequence());
            }
        }
        if (changes.isEmpty()) {
            return new StepPlan(id(), leftovers.isEmpty() ? "Helm left nothing behind"
                    : "Nothing to remove by default; " + leftovers.size() + " object(s) kept", List.of(), notes);
        }
        notes.add("Every removed object is backed up first (Secrets without their data) to ConfigMap "
                + MigrationJournal.NAMESPACE + "/" + BACKUP + "; undo recreates them. PVC data never comes back.");
        return new StepPlan(id(), "Removes " + changes.size() + " leftover(s), keeps " + (leftovers.size()
                - changes.size()), changes, notes);
    }

    @Override
    public void apply(StepContext context, StepPlan plan, Progress progress) {
        KubernetesClient kube = context.kube();
        List<Leftover> toRemove = scan(context).stream().filter(Leftover::remove).toList();
        Map<String, Map<String, Object>> backup = loadBackup(kube);
        for (Leftover leftover : toRemove) {
            progress.checkCancelled();
            GenericKubernetesResource object = resource(kube, leftover).get();
            if (object == null) {
                continue;
            }
            backup.put(leftover.key(), restorable(object));
            saveBackup(kube, backup);
            progress.update("Removing " + leftover.key(), -1);
            resource(kube, leftover).delete();
        }
    }

    @Override
    public List<CheckResult> verify(StepContext context, Progress progress) {
        List<Leftover> leftovers = scan(context);
        List<Evidence> evidence = new ArrayList<>();
        List<String> stillThere = new ArrayList<>();
        for (Leftover leftover : leftovers) {
            evidence.add(new Evidence(leftover.key(), (leftover.remove() ? "still present: " : "kept: ")
                    + leftover.consequence()));
            if (leftover.remove()) {
                stillThere.add(leftover.key());
            }
        }
        Map<String, Map<String, Object>> removed = loadBackup(context.kube());
        removed.keySet().forEach(key -> evidence.add(new Evidence(key, "removed (backed up in " + BACKUP + ")")));
        String title = "The leftovers chosen for removal are gone";
        return List.of(stillThere.isEmpty()
                ? CheckResult.passed("leftovers-gone", title, removed.size() + " removed, " + leftovers.size()
                + " kept on purpose", evidence)
                : CheckResult.failed("leftovers-gone", title, "still present: " + String.join(", ", stillThere),
                evidence));
    }

    @Override
    public void undo(StepContext context, Progress progress) {
        KubernetesClient kube = context.kube();
        Map<String, Map<String, Object>> backup = loadBackup(kube);
        for (Map.Entry<String, Map<String, Object>> entry : backup.entrySet()) {
            progress.checkCancelled();
            GenericKubernetesResource object = Json.JSON.convertValue(entry.getValue(),
                    GenericKubernetesResource.class);
            var resources = LeftoverScan.resources(kube, object.getApiVersion(), object.getKind());
            var existing = object.getMetadata().getNamespace() == null ? resources.withName(object.getMetadata()
                    .getName()) : resources.inNamespace(object.getMetadata().getNamespace())
                    .withName(object.getMetadata().getName());
            if (existing.get() == null) {
                progress.update("Recreating " + entry.getKey(), -1);
                (object.getMetadata().getNamespace() == null ? resources.resource(object)
                        : resources.inNamespace(object.getMetadata().getNamespace()).resource(object)).create();
            }
        }
        kube.configMaps().inNamespace(MigrationJournal.NAMESPACE).withName(BACKUP).delete();
    }

    @Override
    public String undoDescription() {
        return "Recreates the removed leftovers from their backup (Secrets without their data; removed PVC data "
                + "cannot come back).";
    }

    private static List<Leftover> scan(StepContext context) {
        return new LeftoverScan(context.kube(), context.settings()).scan();
    }

    private static io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource> resource(
            KubernetesClient kube, Leftover leftover) {
        var resources = LeftoverScan.resources(kube, leftover.apiVersion(), leftover.kind());
        return leftover.namespace() == null ? resources.withName(leftover.name())
                : resources.inNamespace(leftover.namespace()).withName(leftover.name());
    }

    /** The object as it can be created again: no status, server fields or Secret data. */
    static Map<String, Object> restorable(GenericKubernetesResource object) {
        Map<String, Object> map = new LinkedHashMap<>(Json.JSON.convertValue(object,
                new TypeReference<Map<String, Object>>() { }));
        map.remove("status");
        if ("Secret".equals(object.getKind())) {
            map.remove("data");
            map.remove("stringData");
        }
        Map<String, Object> metadata = new LinkedHashMap<>(castMap(map.get("metadata")));
        for (String field : List.of("resourceVersion", "uid", "creationTimestamp", "managedFields", "generation",
                "ownerReferences")) {
            metadata.remove(field);
        }
        map.put("metadata", metadata);
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static Map<String, Map<String, Object>> loadBackup(KubernetesClient kube) {
        ConfigMap map = kube.configMaps().inNamespace(MigrationJournal.NAMESPACE).withName(BACKUP).get();
        if (map == null || map.getData() == null || !map.getData().containsKey(BACKUP_KEY)) {
            return new LinkedHashMap<>();
        }
        return new LinkedHashMap<>(Json.JSON.readValue(map.getData().get(BACKUP_KEY),
                new TypeReference<Map<String, Map<String, Object>>>() { }));
    }

    private static void saveBackup(KubernetesClient kube, Map<String, Map<String, Object>> backup) {
        Map<String, String> data = Map.of(BACKUP_KEY, Json.JSON.writeValueAsString(backup));
        var existing = kube.configMaps().inNamespace(MigrationJournal.NAMESPACE).withName(BACKUP);
        if (existing.get() == null) {
            kube.configMaps().inNamespace(MigrationJournal.NAMESPACE).resource(new ConfigMapBuilder().withNewMetadata()
                    .withName(BACKUP).withNamespace(MigrationJournal.NAMESPACE)
                    .addToLabels("app.kubernetes.io/managed-by", "homelab-console").endMetadata()
                    .addToData(data).build()).create();
        } else {
            existing.edit(map -> {
                map.setData(data);
                return map;
            });
        }
    }
}
