package dev.homelab.console.sandbox.cluster;

import dev.homelab.console.sandbox.cluster.WorkloadSpec.ContainerSpec;
import dev.homelab.console.sandbox.cluster.WorkloadSpec.Kind;
import dev.homelab.console.sandbox.cluster.WorkloadSpec.ServiceSpec;
import io.fabric8.kubernetes.api.model.Volume;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small builder for {@link WorkloadSpec}s, so chart classes read like the charts' templates. */
public final class Workloads {

    private final Kind kind;
    private final String name;
    private final String profile;
    private final Map<String, String> selector = new LinkedHashMap<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final List<ContainerSpec> containers = new ArrayList<>();
    private final Map<String, String> nodeSelector = new LinkedHashMap<>();
    private final List<Volume> volumes = new ArrayList<>();
    private final List<ServiceSpec> services = new ArrayList<>();
    private int replicas = 1;
    private boolean hostNetwork;
    private boolean inManifest = true;

    private Workloads(Kind kind, String name, String profile) {
        this.kind = kind;
        this.name = name;
        this.profile = profile;
    }

    public static Workloads deployment(String name, String profile) {
        return new Workloads(Kind.DEPLOYMENT, name, profile);
    }

    public static Workloads statefulSet(String name, String profile) {
        return new Workloads(Kind.STATEFULSET, name, profile);
    }

    public static Workloads daemonSet(String name, String profile) {
        return new Workloads(Kind.DAEMONSET, name, profile);
    }

    public Workloads selector(String key, String value) {
        selector.put(key, value);
        return this;
    }

    public Workloads label(String key, String value) {
        labels.put(key, value);
        return this;
    }

    public Workloads labels(Map<String, String> more) {
        labels.putAll(more);
        return this;
    }

    public Workloads replicas(int count) {
        replicas = count;
        return this;
    }

    public Workloads hostNetwork() {
        hostNetwork = true;
        return this;
    }

    public Workloads pinnedTo(String node) {
        if (node != null && !node.isBlank()) {
            nodeSelector.put("kubernetes.io/hostname", node);
        }
        return this;
    }

    public Workloads volume(Volume volume) {
        volumes.add(volume);
        return this;
    }

    public Workloads byOperator() {
        inManifest = false;
        return this;
    }

    /** A container; ports as "name:port" or "name:port:hostPort". */
    public Workloads container(String containerName, String image, List<String> args, String... ports) {
        List<ContainerSpec.Port> list = new ArrayList<>();
        for (String p : ports) {
            String[] parts = p.split(":");
            list.add(new ContainerSpec.Port(parts[0], Integer.parseInt(parts[1]),
                    parts.length > 2 ? Integer.parseInt(parts[2]) : 0));
        }
        containers.add(new ContainerSpec(containerName, image, args, list));
        return this;
    }

    /** An environment variable of the container added last (as the chart renders it into the pod template). */
    public Workloads env(String key, String value) {
        containers.set(containers.size() - 1, containers.get(containers.size() - 1).withEnv(key, value));
        return this;
    }

    /** A Service; ports as "name:port" or "name:port:targetPort". */
    public Workloads service(String serviceName, String simulation, String... ports) {
        services.add(new ServiceSpec(serviceName, simulation, servicePorts(ports), false));
        return this;
    }

    public Workloads headlessService(String serviceName, String... ports) {
        services.add(new ServiceSpec(serviceName, null, servicePorts(ports), true));
        return this;
    }

    private static List<ServiceSpec.Port> servicePorts(String... ports) {
        List<ServiceSpec.Port> list = new ArrayList<>();
        for (String p : ports) {
            String[] parts = p.split(":");
            int port = Integer.parseInt(parts[1]);
            list.add(new ServiceSpec.Port(parts[0], port, parts.length > 2 ? Integer.parseInt(parts[2]) : port));
        }
        return list;
    }

    public WorkloadSpec build() {
        return new WorkloadSpec(kind, name, profile, selector, labels, replicas, containers, hostNetwork,
                nodeSelector, volumes, services, inManifest);
    }
}
