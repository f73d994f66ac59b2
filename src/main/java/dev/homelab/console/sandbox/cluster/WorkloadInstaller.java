package dev.homelab.console.sandbox.cluster;

import dev.homelab.console.sandbox.cluster.WorkloadSpec.Kind;
import dev.homelab.console.sandbox.cluster.WorkloadSpec.ServiceSpec;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointAddressBuilder;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creates what the controllers of a real cluster would create for a workload: the workload object, a ReplicaSet
 * for a Deployment, its pods (placed by {@link Placement}, with owner references), and its Services with
 * Endpoints. Everything goes through the fabric8 client, so watches and informers see it happen.
 */
public final class WorkloadInstaller {

    /** Label on every Service the sandbox simulates: the key under which {@code Simulations} finds its simulation. */
    public static final String SIMULATION_LABEL = "sandbox.homelab.dev/simulation";

    private final KubernetesClient kube;
    private final Clock clock;
    private final Names names;

    public WorkloadInstaller(KubernetesClient kube, Clock clock, Names names) {
        this.kube = kube;
        this.clock = clock;
        this.names = names;
    }

    /** The nodes and pods placement decisions start from (two requests; share it across one batch of installs). */
    public Placement placement() {
        return new Placement(kube.nodes().list().getItems(), kube.pods().inAnyNamespace().list().getItems());
    }

    /**
     * Creates the workload. {@code ready}: pods start Running and Ready (the lab as it is at start-up); otherwise
     * they are bound and ContainerCreating and the caller brings them up with {@link PodLifecycle}. Statuses and
     * Endpoints are computed up front and created with the objects: one request per object.
     */
    public Installed install(WorkloadSpec spec, String namespace, Optional<ReleaseIdentity> release, boolean ready,
                             Placement placement) {
        if (!spec.inManifest()) {
            release = Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>(release.map(ReleaseIdentity::labels).orElse(Map.of()));
        labels.putAll(spec.podLabels());
        Map<String, String> annotations = new LinkedHashMap<>(release.map(ReleaseIdentity::annotations)
                .orElse(Map.of()));
        ObjectMeta meta = new ObjectMetaBuilder().withName(spec.name()).withNamespace(namespace).withLabels(labels)
                .withAnnotations(annotations).build();
        PodTemplateSpec template = template(spec, labels);
        Map<String, String> podLabels = new LinkedHashMap<>(labels);
        List<PlannedPod> planned = plan(spec, namespace, placement);
        int total = planned.size();
        int readyCount = (int) planned.stream().filter(p -> ready && p.decision.scheduled()
                && NodeFactory.isReady(p.decision.node())).count();
        int scheduled = (int) planned.stream().filter(p -> p.decision.scheduled()).count();
        List<HasMetadata> objects = new ArrayList<>();
        HasMetadata owner;
        switch (spec.kind()) {
            case DEPLOYMENT -> {
                HasMetadata deployment = kube.resource(new DeploymentBuilder().withMetadata(meta)
                        .editMetadata().addToAnnotations("deployment.kubernetes.io/revision", "1").endMetadata()
                        .withNewSpec().withReplicas(spec.replicas()).withNewSelector()
                        .withMatchLabels(spec.selectorLabels()).endSelector().withTemplate(template).endSpec()
                        .withStatus(WorkloadStatus.deployment(spec.replicas(), total, readyCount, clock.instant()))
                        .build()).create();
                objects.add(deployment);
                String hash = names.suffix(10);
                podLabels.put("pod-template-hash", hash);
                owner = kube.resource(new ReplicaSetBuilder()
                        .withNewMetadata().withName(spec.name() + "-" + hash).withNamespace(namespace)
                        .withLabels(podLabels).withAnnotations(annotations)
                        .addToAnnotations("deployment.kubernetes.io/revision", "1")
                        .withOwnerReferences(ownerRef(deployment)).endMetadata()
                        .withNewSpec().withReplicas(spec.replicas()).withNewSelector()
                        .withMatchLabels(spec.selectorLabels()).addToMatchLabels("pod-template-hash", hash)
                        .endSelector().withTemplate(template(spec, podLabels)).endSpec()
                        .withStatus(WorkloadStatus.replicaSet(total, readyCount)).build()).create();
                objects.add(owner);
            }
            case STATEFULSET -> {
                String serviceName = spec.services().stream().filter(ServiceSpec::headless).map(ServiceSpec::name)
                        .findFirst().orElse(spec.name());
                podLabels.put("controller-revision-hash", spec.name() + "-" + names.suffix(10));
                owner = kube.resource(new StatefulSetBuilder().withMetadata(meta).withNewSpec()
                        .withReplicas(spec.replicas()).withServiceName(serviceName).withNewSelector()
                        .withMatchLabels(spec.selectorLabels()).endSelector().withTemplate(template).endSpec()
                        .withStatus(WorkloadStatus.statefulSet(total, readyCount)).build()).create();
                objects.add(owner);
            }
            default -> {
                podLabels.put("controller-revision-hash", names.suffix(10));
                podLabels.put("pod-template-generation", "1");
                owner = kube.resource(new DaemonSetBuilder().withMetadata(meta).withNewSpec().withNewSelector()
                        .withMatchLabels(spec.selectorLabels()).endSelector().withTemplate(template).endSpec()
                        .withStatus(WorkloadStatus.daemonSet(total, scheduled, readyCount)).build()).create();
                objects.add(owner);
            }
        }
        Map<String, String> podAnnotations = Map.of(PodFactory.PROFILE_ANNOTATION, spec.profile());
        List<Pod> pods = new ArrayList<>();
        OwnerReference ownerRef = ownerRef(owner);
        for (PlannedPod p : planned) {
            Map<String, String> thisPod = new LinkedHashMap<>(podLabels);
            thisPod.putAll(p.extraLabels);
            String name = spec.kind() == Kind.DEPLOYMENT ? owner.getMetadata().getName() + "-" + p.name : p.name;
            pods.add(createPod(spec, namespace, name, thisPod, podAnnotations, ownerRef, p.decision, ready));
        }
        for (ServiceSpec service : spec.services()) {
            Service created = createService(service, spec, namespace, labels, annotations);
            objects.add(created);
            kube.resource(endpoints(created, pods)).createOr(e -> e.update());
        }
        return new Installed(objects, pods);
    }

    private record PlannedPod(String name, Map<String, String> extraLabels, Placement.Decision decision) {
    }

    /** Names and nodes of the pods, decided before anything is created (so statuses can be created with objects). */
    private List<PlannedPod> plan(WorkloadSpec spec, String namespace, Placement placement) {
        List<PlannedPod> planned = new ArrayList<>();
        if (spec.kind() == Kind.DAEMONSET) {
            for (Node node : placement.nodesFor(spec)) {
                planned.add(new PlannedPod(spec.name() + "-" + names.suffix(5), Map.of(),
                        placement.place(spec, Optional.of(node.getMetadata().getName()))));
            }
            return planned;
        }
        for (int i = 0; i < spec.replicas(); i++) {
            if (spec.kind() == Kind.STATEFULSET) {
                String podName = spec.name() + "-" + i;
                planned.add(new PlannedPod(podName, Map.of("statefulset.kubernetes.io/pod-name", podName,
                        "apps.kubernetes.io/pod-index", Integer.toString(i)), placement.place(spec, Optional.empty())));
            } else {
                planned.add(new PlannedPod(names.suffix(5), Map.of(), placement.place(spec, Optional.empty())));
            }
        }
        return planned;
    }

    private Pod createPod(WorkloadSpec spec, String namespace, String name, Map<String, String> labels,
                          Map<String, String> annotations, OwnerReference owner, Placement.Decision decision,
                          boolean ready) {
        Pod pod = PodFactory.pod(spec, namespace, name, labels, annotations, owner);
        if (!decision.scheduled()) {
            pod.setStatus(PodFactory.unschedulable(decision.pendingMessage(), clock.instant()));
            return kube.resource(pod).create();
        }
        Node node = decision.node();
        pod.getSpec().setNodeName(node.getMetadata().getName());
        String hostIp = NodeFactory.internalIp(node);
        String podIp = spec.hostNetwork() ? hostIp : podIp(node);
        boolean nodeReady = NodeFactory.isReady(node);
        pod.setStatus(ready && nodeReady ? PodFactory.running(pod, hostIp, podIp, clock.instant(), 0)
                : PodFactory.starting(pod, hostIp, podIp, clock.instant(), 0));
        return kube.resource(pod).create();
    }

    private String podIp(Node node) {
        String cidr = node.getSpec().getPodCIDR();
        String prefix = cidr == null ? "10.42.0." : cidr.substring(0, cidr.lastIndexOf('.') + 1);
        return prefix + (2 + names.nextInt(250));
    }

    private Service createService(ServiceSpec service, WorkloadSpec spec, String namespace,
                                  Map<String, String> labels, Map<String, String> annotations) {
        Service built = service(service, spec, namespace, labels, annotations);
        built.getSpec().setClusterIP(service.headless() ? "None"
                : "10.43." + names.nextInt(255) + "." + (1 + names.nextInt(250)));
        return kube.resource(built).create();
    }

    /** The Service object as the chart renders it (no cluster IP yet). */
    public static Service service(ServiceSpec service, WorkloadSpec spec, String namespace,
                                  Map<String, String> labels, Map<String, String> annotations) {
        Map<String, String> serviceLabels = new LinkedHashMap<>(labels);
        if (service.simulation() != null) {
            serviceLabels.put(SIMULATION_LABEL, service.simulation());
        }
        List<ServicePort> ports = service.ports().stream().map(p -> new ServicePortBuilder().withName(p.name())
                .withPort(p.port()).withNewTargetPort(p.targetPort()).withProtocol("TCP").build()).toList();
        return new ServiceBuilder()
                .withNewMetadata().withName(service.name()).withNamespace(namespace).withLabels(serviceLabels)
                .withAnnotations(annotations).endMetadata()
                .withNewSpec().withType("ClusterIP").withClusterIP(service.headless() ? "None" : null)
                .withSelector(spec.selectorLabels()).withPorts(ports).endSpec().build();
    }

    /** What {@code helm template} prints for the workload: the workload object and its Services. */
    public static List<HasMetadata> rendered(WorkloadSpec spec, String namespace, ReleaseIdentity release) {
        Map<String, String> labels = new LinkedHashMap<>(release.labels());
        labels.putAll(spec.podLabels());
        ObjectMeta meta = new ObjectMetaBuilder().withName(spec.name()).withNamespace(namespace).withLabels(labels)
                .withAnnotations(release.annotations()).build();
        PodTemplateSpec template = template(spec, labels);
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(switch (spec.kind()) {
            case DEPLOYMENT -> new DeploymentBuilder().withMetadata(meta).withNewSpec().withReplicas(spec.replicas())
                    .withNewSelector().withMatchLabels(spec.selectorLabels()).endSelector().withTemplate(template)
                    .endSpec().build();
            case STATEFULSET -> new StatefulSetBuilder().withMetadata(meta).withNewSpec()
                    .withReplicas(spec.replicas()).withServiceName(spec.name()).withNewSelector()
                    .withMatchLabels(spec.selectorLabels()).endSelector().withTemplate(template).endSpec().build();
            case DAEMONSET -> new DaemonSetBuilder().withMetadata(meta).withNewSpec().withNewSelector()
                    .withMatchLabels(spec.selectorLabels()).endSelector().withTemplate(template).endSpec().build();
        });
        for (ServiceSpec service : spec.services()) {
            objects.add(service(service, spec, namespace, labels, release.annotations()));
        }
        return objects;
    }

    /** Recomputes the Endpoints of every Service in the namespace from its pods' readiness, like the controller. */
    public void syncEndpoints(String namespace) {
        List<Pod> pods = kube.pods().inNamespace(namespace).list().getItems();
        for (Service service : kube.services().inNamespace(namespace).list().getItems()) {
            Map<String, String> selector = service.getSpec().getSelector();
            if (selector != null && !selector.isEmpty()) {
                kube.resource(endpoints(service, pods)).createOr(e -> e.update());
            }
        }
    }

    /** The Endpoints the endpoints controller keeps for a Service: ready and not-ready addresses of its pods. */
    static Endpoints endpoints(Service service, List<Pod> pods) {
        Map<String, String> selector = service.getSpec().getSelector();
        String namespace = service.getMetadata().getNamespace();
        List<EndpointAddress> ready = new ArrayList<>();
        List<EndpointAddress> notReady = new ArrayList<>();
        for (Pod pod : pods) {
            Map<String, String> podLabels = pod.getMetadata().getLabels();
            boolean selected = podLabels != null && selector != null && !selector.isEmpty()
                    && namespace.equals(pod.getMetadata().getNamespace())
                    && selector.entrySet().stream().allMatch(e -> e.getValue().equals(podLabels.get(e.getKey())));
            if (!selected || pod.getStatus() == null || pod.getStatus().getPodIP() == null) {
                continue;
            }
            EndpointAddress address = new EndpointAddressBuilder().withIp(pod.getStatus().getPodIP())
                    .withNodeName(pod.getSpec().getNodeName()).withNewTargetRef().withKind("Pod")
                    .withName(pod.getMetadata().getName()).withNamespace(namespace)
                    .withUid(pod.getMetadata().getUid()).endTargetRef().build();
            (PodFactory.isReady(pod) ? ready : notReady).add(address);
        }
        List<EndpointPort> ports = service.getSpec().getPorts().stream()
                .map(p -> new EndpointPort(null, p.getName(), p.getTargetPort() == null ? p.getPort()
                        : p.getTargetPort().getIntVal(), p.getProtocol())).toList();
        return new EndpointsBuilder().withNewMetadata().withName(service.getMetadata().getName())
                .withNamespace(namespace).withLabels(service.getMetadata().getLabels()).endMetadata()
                .addNewSubset().withAddresses(ready).withNotReadyAddresses(notReady).withPorts(ports).endSubset()
                .build();
    }

    private static PodTemplateSpec template(WorkloadSpec spec, Map<String, String> labels) {
        Pod pod = PodFactory.pod(spec, null, null, labels, Map.of(), null);
        List<Container> containers = pod.getSpec().getContainers();
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata()
                .withNewSpecLike(pod.getSpec()).withContainers(containers).withNodeName(null).endSpec().build();
    }

    static OwnerReference ownerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion()).withKind(owner.getKind())
                .withName(owner.getMetadata().getName()).withUid(owner.getMetadata().getUid())
                .withController(true).withBlockOwnerDeletion(true).build();
    }

    /** The objects created (workload, ReplicaSet, Services) and the pods. */
    public record Installed(List<HasMetadata> objects, List<Pod> pods) {
    }
}
