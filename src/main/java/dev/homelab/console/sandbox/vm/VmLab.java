package dev.homelab.console.sandbox.vm;

import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import dev.homelab.console.sandbox.NodeControl;
import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.stack.vm.VmStackValues;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * What the simulated vmsingle, vmagent, vmalert and Alertmanager of one sandbox share: the scrape model, built from
 * the mock cluster's nodes and the installed victoria-metrics-k8s-stack release's values (vmagent's node, its
 * buffer volume, whether node-exporter is on). One per sandbox world.
 */
public final class VmLab {

    public static final String BUFFER_EMPTYDIR_FAULT = "vmagent-buffer-emptydir";
    public static final String PUSHOVER_UNREACHABLE_FAULT = "pushover-unreachable";
    private static final Map<SandboxWorld, VmLab> LABS = Collections.synchronizedMap(new WeakHashMap<>());

    private final SandboxWorld world;
    private final ScrapeModel model;
    private final SimulatedOperatorConverter operator;

    private VmLab(SandboxWorld world, Duration earlierHistory) {
        this.world = world;
        Instant started = release().map(HelmRelease::lastDeployed).filter(t -> t != null)
                .orElse(world.clock().instant()).minus(earlierHistory);
        Duration interval = scrapeInterval(world);
        this.model = new ScrapeModel(world.clock(), started.minus(interval), interval,
                this::targets, this::vmagentNode, bufferIsEmptyDir());
        this.operator = new SimulatedOperatorConverter(this);
    }

    /** vmagent's 30 s, scaled with the lab's time (fast test labs reboot in under a second). */
    static Duration scrapeInterval(SandboxWorld world) {
        long millis = (long) (30_000 * world.timeScale());
        return Duration.ofMillis(Math.max(250, Math.min(30_000, millis)));
    }

    public static VmLab of(SandboxWorld world) {
        return of(world, Duration.ZERO);
    }

    /**
     * At the lab's start, when the scenario installed the stack: it has been scraping for an hour already, and the
     * scrape history follows node power from now on (a reboot before the first query is in it).
     */
    public static void startWithScenarioStack(SandboxWorld world) {
        if (HelmReleaseSecrets.latestReleases(world.kube()).stream()
                .anyMatch(r -> VmStackValues.CHART.equals(r.chartName()))) {
            of(world, Duration.ofHours(1));
        }
    }

    private static VmLab of(SandboxWorld world, Duration earlierHistory) {
        synchronized (LABS) {
            VmLab lab = LABS.get(world);
            if (lab == null) {
                lab = new VmLab(world, earlierHistory);
                LABS.put(world, lab);
                lab.followNodePower();
                lab.startOperatorLoop();
            }
            return lab;
        }
    }

    /**
     * Every 2 seconds: the operator reconciles (conversion), and node readiness and vmsingle's availability in the
     * mock cluster are recorded as outages in the scrape model — so a simulated reboot shows up as {@code up=0} for
     * that node, and vmsingle's node going down fills vmagent's queue.
     */
    private void startOperatorLoop() {
        world.scheduler().scheduleWithFixedDelay(() -> {
            try {
                operator.sync();
                observeOutages();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(VmLab.class).debug("Simulated operator sync failed", e);
            }
        }, 0, Math.min(2000, model.interval().toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /**
     * Node power from the sandbox's node control: scrapes stop the moment the machine stops (not when Kubernetes
     * notices), and vmsingle's node going down makes the storage unreachable at once. Worlds without node control
     * (plain test worlds) rely on the Ready conditions the operator loop observes.
     */
    private void followNodePower() {
        NodeControl nodes;
        try {
            nodes = world.nodes();
        } catch (UnsupportedOperationException | IllegalStateException e) {
            return;
        }
        nodes.addListener(new NodeControl.PowerListener() {
            @Override
            public void nodeDown(String node, Instant at) {
                powerDown(node, at);
            }

            @Override
            public void nodeUp(String node, Instant at) {
                powerUp(node, at);
            }
        });
    }

    private final java.util.Set<String> downNodes = new java.util.HashSet<>();
    private final java.util.Set<String> poweredOff = new java.util.HashSet<>();
    private boolean storageDown;

    private synchronized void powerDown(String node, Instant at) {
        poweredOff.add(node);
        if (downNodes.add(node)) {
            model.nodeDown(node, at);
        }
        if (node.equals(vmsingleNode()) && !storageDown) {
            storageDown = true;
            model.storageDown(at);
            restartVmagentOnEmptyDirDuringOutage();
        }
    }

    private synchronized void powerUp(String node, Instant at) {
        poweredOff.remove(node);
        if (downNodes.remove(node)) {
            model.nodeUp(node, at);
        }
    }

    /**
     * Fault {@code vmagent-buffer-emptydir}: the queue lives in the pod's emptyDir, and the simulated operator
     * recreates vmagent's pod two scrape intervals into the storage outage (as it does on a config change or an
     * eviction) — the queued samples die with the old pod.
     */
    private void restartVmagentOnEmptyDirDuringOutage() {
        if (!bufferIsEmptyDir()) {
            return;
        }
        world.scheduler().schedule(() -> {
            synchronized (this) {
                if (storageDown) {
                    model.vmagentRestarted(world.clock().instant());
                }
            }
        }, model.interval().toMillis() * 2, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private String vmsingleNode() {
        return world.kube().pods().inAnyNamespace().withLabel("app.kubernetes.io/name", "vmsingle").list()
                .getItems().stream().map(p -> p.getSpec() == null ? null : p.getSpec().getNodeName())
                .filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private synchronized void observeOutages() {
        Instant now = world.clock().instant();
        for (Node node : world.kube().nodes().list().getItems()) {
            String name = node.getMetadata().getName();
            if (node.getStatus() == null || node.getStatus().getConditions() == null
                    || node.getStatus().getConditions().isEmpty()) {
                continue;
            }
            boolean ready = node.getStatus() != null && node.getStatus().getConditions() != null
                    && node.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            if (!ready && downNodes.add(name)) {
                model.nodeDown(name, now);
            } else if (ready && !poweredOff.contains(name) && downNodes.remove(name)) {
                model.nodeUp(name, now);
            }
        }
        Optional<HelmRelease> stack = release();
        Optional<String> storageService = stack.flatMap(this::vmsingleService);
        if (storageService.isPresent() && world.kube().endpoints().inNamespace(stack.get().namespace())
                .withName(storageService.get()).get() != null) {
            String storageNode = vmsingleNode();
            boolean up = world.serviceReady(stack.get().namespace(), storageService.get())
                    && (storageNode == null || !poweredOff.contains(storageNode));
            if (!up && !storageDown) {
                model.storageDown(now);
                restartVmagentOnEmptyDirDuringOutage();
            } else if (up && storageDown) {
                model.storageUp(now);
            }
            storageDown = !up;
        }
    }

    /** {@code vmsingle-<fullname>}: the release name, or release-chart unless {@code fullnameOverride} is set. */
    private Optional<String> vmsingleService(HelmRelease stack) {
        return world.kube().services().inNamespace(stack.namespace()).list().getItems().stream()
                .map(service -> service.getMetadata().getName())
                .filter(name -> name.startsWith("vmsingle-") && name.contains(stack.name())).findFirst();
    }

    SimulatedOperatorConverter operator() {
        return operator;
    }

    public SandboxWorld world() {
        return world;
    }

    public ScrapeModel model() {
        return model;
    }

    /** The installed stack's release (the newest victoria-metrics-k8s-stack release in the cluster). */
    public Optional<HelmRelease> release() {
        return HelmReleaseSecrets.latestReleases(world.kube()).stream()
                .filter(r -> VmStackValues.CHART.equals(r.chartName())).findFirst();
    }

    /** A value of the installed release, by dotted path; empty when absent. */
    public Optional<Object> value(String dottedPath) {
        Object current = release().map(HelmRelease::values).orElse(Map.of());
        for (String key : dottedPath.split("\\.")) {
            if (!(current instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return Optional.empty();
            }
            current = map.get(key);
        }
        return Optional.ofNullable(current);
    }

    List<ScrapeModel.Target> targets() {
        boolean nodeExporter = !Boolean.FALSE.equals(value("prometheus-node-exporter.enabled").orElse(true));
        List<ScrapeModel.Target> targets = new ArrayList<>();
        for (Node node : world.kube().nodes().list().getItems()) {
            String name = node.getMetadata().getName();
            String ip = internalIp(node);
            targets.add(new ScrapeModel.Target("kubelet", name, ip + ":10250", "/metrics"));
            targets.add(new ScrapeModel.Target("kubelet", name, ip + ":10250", "/metrics/cadvisor"));
            if (nodeExporter) {
                targets.add(new ScrapeModel.Target("node-exporter", name, ip + ":9100", "/metrics"));
            }
        }
        return targets;
    }

    /** kube-prometheus-stack scrapes kubelet and its own node-exporter on every node. */
    List<ScrapeModel.Target> targetsBeforeMigration() {
        List<ScrapeModel.Target> targets = new ArrayList<>();
        for (Node node : world.kube().nodes().list().getItems()) {
            String ip = internalIp(node);
            targets.add(new ScrapeModel.Target("kubelet", node.getMetadata().getName(), ip + ":10250", "/metrics"));
            targets.add(new ScrapeModel.Target("node-exporter", node.getMetadata().getName(), ip + ":9100",
                    "/metrics"));
        }
        return targets;
    }

    String vmagentNode() {
        return value("vmagent.spec.nodeSelector").filter(Map.class::isInstance)
                .map(m -> ((Map<?, ?>) m).get("kubernetes.io/hostname")).map(Object::toString).orElse(null);
    }

    /** The queue is an emptyDir unless the values mount a hostPath at the tmpDataPath (or the scenario says so). */
    boolean bufferIsEmptyDir() {
        if (world.hasFault(BUFFER_EMPTYDIR_FAULT)) {
            return true;
        }
        return value("vmagent.spec.volumes").filter(List.class::isInstance)
                .map(v -> ((List<?>) v).stream().noneMatch(volume -> volume instanceof Map<?, ?> m
                        && m.get("hostPath") != null)).orElse(true);
    }

    static String internalIp(Node node) {
        if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
            for (NodeAddress address : node.getStatus().getAddresses()) {
                if ("InternalIP".equals(address.getType())) {
                    return address.getAddress();
                }
            }
        }
        return node.getMetadata().getName();
    }
}
