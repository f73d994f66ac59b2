package dev.homelab.console.sandbox.charts;

import dev.homelab.console.sandbox.cluster.WorkloadSpec;
import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.ArrayList;
import java.util.List;

/**
 * What a chart creates: workloads (with their Services), other objects Helm tracks (ConfigMaps, Secrets, custom
 * resources), CRDs from the chart's crds/ folder (created when absent, never upgraded or deleted by Helm), and
 * objects operators or hook Jobs create on the side (not tracked by Helm: left behind by an uninstall).
 */
public final class Rendering {

    private final List<WorkloadSpec> workloads = new ArrayList<>();
    private final List<HasMetadata> objects = new ArrayList<>();
    private final List<HasMetadata> crds = new ArrayList<>();
    private final List<HasMetadata> leftovers = new ArrayList<>();

    public Rendering workload(WorkloadSpec spec) {
        workloads.add(spec);
        return this;
    }

    public Rendering object(HasMetadata object) {
        objects.add(object);
        return this;
    }

    public Rendering crd(HasMetadata crd) {
        crds.add(crd);
        return this;
    }

    /** Created on the side by an operator or hook; survives {@code helm uninstall}. */
    public Rendering leftover(HasMetadata object) {
        leftovers.add(object);
        return this;
    }

    public List<WorkloadSpec> workloads() {
        return workloads;
    }

    public List<HasMetadata> objects() {
        return objects;
    }

    public List<HasMetadata> crds() {
        return crds;
    }

    public List<HasMetadata> leftovers() {
        return leftovers;
    }
}
