package dev.homelab.console.cluster;

import dev.homelab.console.task.Progress;
import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import dev.homelab.console.app.Connector;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionCheckTest {

    /**
     * An API server whose RBAC allows reading everything, denies deleting and anything on secrets in "loki",
     * and answers "patch" reviews without a status (like fabric8's CRUD mock, which only echoes them).
     */
    private static MockWebServer rbacServer() throws Exception {
        MockWebServer server = new MockWebServer();
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                if (!request.getUrl().encodedPath().endsWith("/selfsubjectaccessreviews")) {
                    return new MockResponse.Builder().code(404).build();
                }
                ObjectNode review = (ObjectNode) Json.JSON.readTree(request.getBody().utf8());
                JsonNode attributes = review.path("spec").path("resourceAttributes");
                String verb = attributes.path("verb").asString();
                if (!verb.equals("patch")) {
                    ObjectNode status = review.putObject("status");
                    boolean denied = verb.equals("delete") || "loki".equals(attributes.path("namespace").asString(""))
                            && attributes.path("resource").asString().equals("secrets");
                    status.put("allowed", !denied);
                    status.put("reason", denied ? "" : "RBAC: allowed by ClusterRoleBinding \"homelab-admin\"");
                }
                return new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
                        .body(Json.JSON.writeValueAsString(review)).build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), 0);
        return server;
    }

    @Test
    void eachRequirementGetsTheApiServersAnswerAndAMissingStatusIsUnknown() throws Exception {
        try (MockWebServer server = rbacServer()) {
            Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://127.0.0.1:" + server.getPort())
                    .build();
            try (KubernetesClient kube = Connector.client(config)) {
                List<PermissionRequirement> requirements = PermissionRequirement.forMigration(Set.of("monitoring",
                        "loki"));
                List<PermissionResult> results = PermissionCheck.check(kube, requirements, Progress.none());

                assertThat(results).hasSameSizeAs(requirements);
                assertThat(server.getRequestCount()).isEqualTo(requirements.size());
                PermissionResult listNodes = find(results, "list", "nodes", null);
                assertThat(listNodes.access()).isEqualTo(PermissionResult.Access.ALLOWED);
                assertThat(listNodes.reason()).contains("homelab-admin");
                assertThat(listNodes.neededFor()).isEqualTo("the node overview");

                PermissionResult lokiSecrets = find(results, "create", "secrets", "loki");
                assertThat(lokiSecrets.access()).isEqualTo(PermissionResult.Access.DENIED);
                assertThat(lokiSecrets.neededFor()).isEqualTo("Helm release storage in loki");
                assertThat(find(results, "create", "secrets", "monitoring").allowed()).isTrue();

                PermissionResult cordon = find(results, "patch", "nodes", null);
                assertThat(cordon.access()).isEqualTo(PermissionResult.Access.UNKNOWN);
                assertThat(cordon.allowed()).isFalse();

                PermissionResult portForward = results.stream().filter(r -> r.subresource().equals("portforward")
                        && "loki".equals(r.namespace())).findFirst().orElseThrow();
                assertThat(portForward.allowed()).isTrue();
                assertThat(portForward.describe()).isEqualTo("create pods/portforward in loki");

                assertThat(find(results, "get", "nodes", null).group()).isEqualTo("metrics.k8s.io");
                assertThat(results).anyMatch(r -> r.resource().equals("leases")
                        && PermissionRequirement.APP_NAMESPACE.equals(r.namespace()));
                assertThat(PermissionCheck.missing(results)).contains(lokiSecrets, cordon)
                        .doesNotContain(listNodes);
            }
        }
    }

    @Test
    void aReviewTheServerRejectsIsUnknownNotAllowed() {
        try (MockCluster cluster = new MockCluster(true)) {
            PermissionResult result = PermissionCheck.review(cluster.client,
                    PermissionRequirement.forMigration(List.of()).get(0));
            assertThat(result.access()).isEqualTo(PermissionResult.Access.UNKNOWN);
            assertThat(result.allowed()).isFalse();
            assertThat(result.reason()).startsWith("Could not ask the API server").contains("422");
        }
    }

    private static PermissionResult find(List<PermissionResult> results, String verb, String resource,
                                         String namespace) {
        return results.stream().filter(r -> r.verb().equals(verb) && r.resource().equals(resource)
                && java.util.Objects.equals(r.namespace(), namespace)).findFirst().orElseThrow();
    }
}
