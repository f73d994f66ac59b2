package dev.homelab.console.sandbox.scenario;

import java.util.List;
import java.util.Optional;

/**
 * A simulated home lab as a scenario file describes it: nodes, storage classes, the MinIO object store, the Helm
 * releases installed today, how fast things happen, and the faults to rehearse. The format is documented in
 * docs/sandbox.md.
 */
public record Scenario(String name, String description, String k3sVersion, Timing timing, List<NodeSpec> nodes,
                       List<StorageClassSpec> storageClasses, MinioSpec minio, List<ReleaseSpec> releases,
                       Faults faults) {

    public Scenario {
        nodes = List.copyOf(nodes);
        storageClasses = List.copyOf(storageClasses);
        releases = List.copyOf(releases);
    }

    public Optional<NodeSpec> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    public Scenario withTiming(Timing newTiming) {
        return new Scenario(name, description, k3sVersion, newTiming, nodes, storageClasses, minio, releases, faults);
    }

    public Scenario withFaults(Faults newFaults) {
        return new Scenario(name, description, k3sVersion, timing, nodes, storageClasses, minio, releases, newFaults);
    }
}
