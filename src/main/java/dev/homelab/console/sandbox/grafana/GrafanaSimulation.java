package dev.homelab.console.sandbox.grafana;

import dev.homelab.console.sandbox.cluster.PodFactory;
import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import dev.homelab.console.stack.grafana.SidecarDatasources;
import dev.homelab.console.verify.grafana.GrafanaDatasource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The lab's Grafana: its datasource API ({@link SimulatedGrafana}) with the datasources its sidecar provisions from
 * ConfigMaps labelled {@code grafana_datasource}, and health checks that succeed only when the datasource's Service
 * exists in the lab with a Ready pod behind it. The service-account token of the sandbox is {@value #TOKEN}.
 */
public final class GrafanaSimulation implements SimulatedService {

    public static final String TOKEN = "sandbox-grafana-token";
    private static final String SIDECAR_LABEL = "grafana_datasource";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SandboxWorld world;
    private final SimulatedGrafana grafana;

    public GrafanaSimulation(SandboxWorld world) {
        this.world = world;
        this.grafana = new SimulatedGrafana(TOKEN, ds -> probe(ds.path("url").asString("")));
        this.grafana.acceptAdminLogin(this::adminLogin);
    }

    /** The login in the Grafana release's Secret (admin-user / admin-password), as the real Grafana starts with. */
    private boolean adminLogin(String user, String password) {
        return world.kube().secrets().inAnyNamespace().withLabel("app.kubernetes.io/name", "grafana").list()
                .getItems().stream().filter(s -> s.getData() != null && s.getData().containsKey("admin-password"))
                .anyMatch(s -> user.equals(decode(s.getData().get("admin-user")))
                        && password.equals(decode(s.getData().get("admin-password"))));
    }

    private static String decode(String base64) {
        return base64 == null ? "" : new String(java.util.Base64.getDecoder().decode(base64),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        grafana.syncProvisioned(provisioned());
        return grafana.dispatch(request);
    }

    private List<ObjectNode> provisioned() {
        List<ObjectNode> result = new ArrayList<>();
        for (ConfigMap cm : world.kube().configMaps().inAnyNamespace().withLabel(SIDECAR_LABEL).list().getItems()) {
            for (GrafanaDatasource ds : SidecarDatasources.parse(cm)) {
                result.add(JSON.valueToTree(Map.of("uid", ds.uid(), "name", ds.name(), "type", ds.type(),
                        "url", ds.url(), "access", ds.access(), "isDefault", ds.isDefault(),
                        "jsonData", ds.jsonData())));
            }
        }
        return result;
    }

    /** The sandbox's DNS: {@code <service>.<namespace>.svc...} resolves when that Service exists and a pod is Ready. */
    private SimulatedGrafana.Probe probe(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new SimulatedGrafana.Probe(false, "invalid URL " + url);
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        String[] parts = host.split("\\.");
        if (parts.length < 2) {
            return new SimulatedGrafana.Probe(false, "dial tcp: lookup " + host + ": no such host");
        }
        Service service = world.kube().services().inNamespace(parts[1]).withName(parts[0]).get();
        if (service == null) {
            return new SimulatedGrafana.Probe(false, "Get \"" + url + "\": dial tcp: lookup " + host
                    + ": no such host");
        }
        Map<String, String> selector = service.getSpec().getSelector();
        boolean ready = selector != null && world.kube().pods().inNamespace(parts[1]).withLabels(selector).list()
                .getItems().stream().anyMatch(PodFactory::isReady);
        return ready ? new SimulatedGrafana.Probe(true, "Data source is working")
                : new SimulatedGrafana.Probe(false, "Get \"" + url + "\": dial tcp: connect: connection refused");
    }

}
