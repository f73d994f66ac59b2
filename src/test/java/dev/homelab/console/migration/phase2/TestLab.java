package dev.homelab.console.migration.phase2;

import dev.homelab.console.cluster.ServiceAccess;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.helm.HelmReleaseSecrets;
import dev.homelab.console.helm.ReleaseManager;
import dev.homelab.console.helm.ReleaseRequest;
import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import dev.homelab.console.sandbox.vm.SimulatedAlertmanager;
import dev.homelab.console.sandbox.vm.SimulatedVmAgent;
import dev.homelab.console.sandbox.vm.SimulatedVmAlert;
import dev.homelab.console.sandbox.vm.SimulatedVmSingle;
import dev.homelab.console.task.Progress;
import dev.homelab.console.testing.MockServerLab;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A small stand-in for the sandbox around fabric8's mock server ({@link MockServerLab}): a release manager that stores releases in Helm's
 * Secret format and creates the Ready pods the operator would, and service access to the sandbox/vm simulations
 * once the stack is installed.
 */
final class TestLab implements ReleaseManager, ServiceAccess, AutoCloseable {

    private final KubernetesClient kube;
    private final MockServerLab lab;
    private final Map<String, ServiceEndpoint> opened = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    TestLab(KubernetesClient kube, Set<String> faults) {
        this.kube = kube;
        this.lab = new MockServerLab(kube, faults);
    }

    /** The world the simulations see (VmLab keeps its model per world). */
    SandboxWorld world() {
        return lab;
    }

    // --- ReleaseManager
    @Override
    public List<HelmRelease> list() {
        return HelmReleaseSecrets.latestReleases(kube);
    }

    @Override
    public Optional<HelmRelease> get(String namespace, String name) {
        return HelmReleaseSecrets.latest(kube, namespace, name);
    }

    @Override
    public List<HelmRelease> history(String namespace, String name) {
        return HelmReleaseSecrets.history(kube, namespace, name);
    }

    @Override
    public void addOrUpdateRepository(String name, URI url) {
        calls.add("repo " + name);
    }

    @Override
    public HelmRelease installOrUpgrade(ReleaseRequest request, Progress progress) {
        calls.add("install " + request.namespace() + "/" + request.name() + " " + request.chart());
        int revision = history(request.namespace(), request.name()).size() + 1;
        HelmRelease release = new HelmRelease(request.name(), request.namespace(), revision, "deployed",
                request.chart().chart(), request.chart().version(), "v1.150.0", request.values(), "", Instant.now(),
                "Install complete");
        kube.secrets().inNamespace(request.namespace()).resource(HelmReleaseSecrets.encode(release)).create();
        Object ownership = ((Map<?, ?>) ((Map<?, ?>) request.values().get("victoria-metrics-operator"))
                .get("operator")).get("enable_converter_ownership");
        kube.apps().deployments().inNamespace(request.namespace()).resource(new DeploymentBuilder().withNewMetadata()
                .withName(request.name() + "-victoria-metrics-operator").withNamespace(request.namespace())
                .addToLabels("app.kubernetes.io/name", "victoria-metrics-operator")
                .addToLabels("app.kubernetes.io/instance", request.name()).endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "op").endSelector().withNewTemplate()
                .withNewSpec().addNewContainer().withName("operator").addNewEnv()
                .withName("VM_ENABLEDPROMETHEUSCONVERTEROWNERREFERENCES").withValue(String.valueOf(ownership))
                .endEnv().endContainer().endSpec().endTemplate().endSpec().build()).createOr(e -> e.update());
        for (String component : List.of("victoria-metrics-operator", "vmsingle", "vmagent", "vmalert",
                "vmalertmanager", "kube-state-metrics")) {
            kube.pods().inNamespace(request.namespace()).resource(new PodBuilder().withNewMetadata()
                    .withName(component + "-" + request.name() + "-0").withNamespace(request.namespace())
                    .addToLabels("app.kubernetes.io/name", component)
                    .addToLabels("app.kubernetes.io/instance", request.name()).endMetadata()
                    .withNewSpec().withNodeName("pi-server").endSpec()
                    .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus("True")
                    .endCondition().endStatus().build()).createOr(existing -> existing.update());
        }
        return release;
    }

    @Override
    public String template(ReleaseRequest request) {
        return "";
    }

    @Override
    public HelmRelease rollback(String namespace, String name, int revision, Progress progress) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void uninstall(String namespace, String name, Progress progress) {
        calls.add("uninstall " + namespace + "/" + name);
        kube.secrets().inNamespace(namespace).withLabel("owner", "helm").withLabel("name", name).delete();
        kube.pods().inNamespace(namespace).withLabel("app.kubernetes.io/instance", name).delete();
        kube.apps().deployments().inNamespace(namespace).withLabel("app.kubernetes.io/instance", name).delete();
    }

    // --- ServiceAccess: the simulations answer while the stack's release exists
    @Override
    public synchronized ServiceEndpoint open(ServiceRef service) throws ServiceUnreachableException {
        if (get(service.namespace(), "vmks").isEmpty()) {
            throw new ServiceUnreachableException(service, "service " + service + " does not exist", null);
        }
        ServiceEndpoint endpoint = opened.get(service.name());
        if (endpoint == null) {
            SimulatedService simulation = switch (service.name()) {
                case "vmsingle-vmks" -> new SimulatedVmSingle(lab);
                case "vmagent-vmks" -> new SimulatedVmAgent(lab);
                case "vmalert-vmks" -> new SimulatedVmAlert(lab);
                case "vmalertmanager-vmks" -> new SimulatedAlertmanager(lab, Duration.ofMillis(300));
                default -> throw new ServiceUnreachableException(service, "no simulation", null);
            };
            try {
                endpoint = new ServiceEndpoint(service, lab.serve(simulation), "test simulation");
            } catch (IOException e) {
                throw new ServiceUnreachableException(service, e.getMessage(), e);
            }
            opened.put(service.name(), endpoint);
        }
        return endpoint;
    }

    @Override
    public void close() {
        lab.close();
    }
}
