package dev.homelab.console.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Volume;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One workload a chart (or the operator it installs) creates, with the Services in front of it.
 *
 * @param profile        usage profile key (how much memory/CPU its pods use, see usage.UsageProfiles)
 * @param selectorLabels labels that select its pods (also on the pods and the Services' selectors)
 * @param labels         further labels on the workload and its pods (Helm's managed-by, chart, ...)
 * @param replicas       ignored for DaemonSets (one pod per node)
 * @param nodeSelector   a pinned node (hostPath buffers, local-path volumes) or empty
 * @param inManifest     false for objects an operator creates from a custom resource (not in Helm's manifest)
 */
public record WorkloadSpec(Kind kind, String name, String profile, Map<String, String> selectorLabels,
                           Map<String, String> labels, int replicas, List<ContainerSpec> containers,
                           boolean hostNetwork, Map<String, String> nodeSelector, List<Volume> volumes,
                           List<ServiceSpec> services, boolean inManifest) {

    public enum Kind { DEPLOYMENT, STATEFULSET, DAEMONSET }

    public WorkloadSpec {
        selectorLabels = Map.copyOf(selectorLabels);
        labels = Map.copyOf(labels);
        containers = List.copyOf(containers);
        nodeSelector = Map.copyOf(nodeSelector);
        volumes = List.copyOf(volumes);
        services = List.copyOf(services);
    }

    /** Selector labels plus the other labels: what the pods carry. */
    public Map<String, String> podLabels() {
        Map<String, String> all = new LinkedHashMap<>(labels);
        all.putAll(selectorLabels);
        return all;
    }

    public String kindName() {
        return switch (kind) {
            case DEPLOYMENT -> "Deployment";
            case STATEFULSET -> "StatefulSet";
            case DAEMONSET -> "DaemonSet";
        };
    }

    /** The host ports its pods bind (node-exporter's 9100): two pods on one node cannot share one. */
    public List<Integer> hostPorts() {
        return containers.stream().flatMap(c -> c.ports().stream())
                .filter(p -> p.hostPort() > 0).map(ContainerSpec.Port::hostPort).toList();
    }

    public record ContainerSpec(String name, String image, List<String> args, List<Port> ports, Map<String, String> env) {
        public ContainerSpec {
            args = List.copyOf(args);
            ports = List.copyOf(ports);
            env = env == null ? Map.of() : Map.copyOf(env);
        }

        public ContainerSpec(String name, String image, List<String> args, List<Port> ports) {
            this(name, image, args, ports, Map.of());
        }

        ContainerSpec withEnv(String key, String value) {
            Map<String, String> more = new java.util.TreeMap<>(env);
            more.put(key, value);
            return new ContainerSpec(name, image, args, ports, more);
        }

        public record Port(String name, int containerPort, int hostPort) {
        }
    }

    /**
     * A Service selecting the workload's pods.
     *
     * @param simulation the sandbox simulation that answers for it (label sandbox.homelab.dev/simulation), or null
     */
    public record ServiceSpec(String name, String simulation, List<Port> ports, boolean headless) {
        public ServiceSpec {
            ports = List.copyOf(ports);
        }

        public record Port(String name, int port, int targetPort) {
        }
    }
}
