package dev.homelab.console.verify.grafana;

import dev.homelab.console.sandbox.grafana.SimulatedGrafana;
import dev.homelab.console.stack.grafana.DatasourceChange;
import dev.homelab.console.stack.grafana.DatasourceTargets;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Grafana client against a fake that follows Grafana's documented datasource API. */
class GrafanaClientTest {

    private static final String TOKEN = "glsa_test_token_1234567890";
    private final MockWebServer server = new MockWebServer();
    private SimulatedGrafana grafana;

    @BeforeEach
    void start() throws Exception {
        grafana = new SimulatedGrafana(TOKEN, ds -> ds.path("url").asString("").contains("vmsingle")
                ? new SimulatedGrafana.Probe(true, "Successfully queried the Prometheus API.")
                : new SimulatedGrafana.Probe(false, "Post \"" + ds.path("url").asString() + "/api/v1/query\": dial tcp: connection refused"));
        grafana.provision("prometheus", "Prometheus", "prometheus",
                "http://kps-prometheus.monitoring.svc:9090", true);
        grafana.provision("loki", "Loki", "loki", "http://loki-gateway.loki.svc", false);
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return grafana.dispatch(request);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private GrafanaClient client(String token) {
        return new GrafanaClient(server.url("/").uri(), token::toCharArray);
    }

    @Test
    void createsTheVictoriaMetricsDatasourceAndItsHealthIsObserved() throws Exception {
        GrafanaClient client = client(TOKEN);
        var target = DatasourceTargets.victoriaMetrics("http://vmsingle-vmks.monitoring.svc:8428", "30s", false);
        boolean otherDefault = client.datasources().stream().anyMatch(GrafanaDatasource::isDefault);
        DatasourceChange change = DatasourceChange.decide(target, client.byUid(target.uid()), otherDefault);
        assertThat(change.action()).isEqualTo(DatasourceChange.Action.CREATE);

        GrafanaDatasource created = client.create(target);
        assertThat(created.uid()).isEqualTo("victoriametrics");
        assertThat(client.byUid("victoriametrics")).get().extracting(GrafanaDatasource::url)
                .isEqualTo("http://vmsingle-vmks.monitoring.svc:8428");
        DatasourceHealth health = client.health("victoriametrics");
        assertThat(health.ok()).isTrue();
        assertThat(health.message()).contains("Successfully");

        assertThat(DatasourceChange.decide(target, client.byUid(target.uid()), otherDefault).action())
                .as("re-running is a no-op").isEqualTo(DatasourceChange.Action.UNCHANGED);
    }

    @Test
    void aFailingDatasourceHealthIsAnAnswerWithGrafanasMessage() throws Exception {
        DatasourceHealth health = client(TOKEN).health("prometheus");
        assertThat(health.ok()).isFalse();
        assertThat(health.httpStatus()).isEqualTo(400);
        assertThat(health.message()).contains("connection refused");
    }

    @Test
    void provisionedDatasourcesAreNeverChangedThroughTheApi() throws Exception {
        GrafanaClient client = client(TOKEN);
        var replacement = new GrafanaDatasource("loki", "Loki", "loki", "http://loki.loki.svc:3100", "proxy", false,
                java.util.Map.of(), false);
        DatasourceChange change = DatasourceChange.decide(replacement, client.byUid("loki"), true);
        assertThat(change.action()).isEqualTo(DatasourceChange.Action.REFUSED);
        assertThat(change.reason()).contains("provisioned");
        assertThatThrownBy(() -> client.update(replacement)).isInstanceOf(GrafanaApiException.class)
                .hasMessageContaining("read-only");
    }

    @Test
    void aSecondDefaultDatasourceIsRefused() throws Exception {
        GrafanaClient client = client(TOKEN);
        var target = DatasourceTargets.victoriaMetrics("http://vmsingle-vmks.monitoring.svc:8428", "30s", true);
        DatasourceChange change = DatasourceChange.decide(target, client.byUid(target.uid()), true);
        assertThat(change.action()).isEqualTo(DatasourceChange.Action.REFUSED);
    }

    @Test
    void aWrongTokenIsExplainedWithoutRevealingIt() {
        GrafanaClient client = client("glsa_wrong_secret_value");
        assertThatThrownBy(client::datasources).isInstanceOf(GrafanaApiException.class)
                .hasMessageContaining("service-account token")
                .hasMessageContaining("401")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("glsa_wrong_secret_value"));
    }

    @Test
    void duplicateNamesAreExplained() throws Exception {
        GrafanaClient client = client(TOKEN);
        var clash = new GrafanaDatasource("other-uid", "Loki", "loki", "http://x", "proxy", false, java.util.Map.of(), false);
        assertThatThrownBy(() -> client.create(clash)).isInstanceOf(GrafanaApiException.class)
                .hasMessageContaining("update it instead");
    }

    @Test
    void anUnreachableGrafanaSaysSo() throws Exception {
        server.close();
        assertThatThrownBy(() -> client(TOKEN).datasources()).isInstanceOf(GrafanaApiException.class)
                .hasMessageContaining("did not answer");
    }

    @Test
    void theAdminLoginIsAcceptedAsBasicAuthenticationAndAWrongOneIsNamedAsSuch() throws Exception {
        grafana.acceptAdminLogin((user, password) -> user.equals("admin") && password.equals("initial-admin-pass"));

        GrafanaClient admin = GrafanaClient.withBasicLogin(server.url("/").uri(), "admin",
                "initial-admin-pass"::toCharArray);
        assertThat(admin.datasources()).extracting(GrafanaDatasource::uid).contains("prometheus", "loki");

        GrafanaClient wrong = GrafanaClient.withBasicLogin(server.url("/").uri(), "admin", "wrong-pass-4711"::toCharArray);
        assertThatThrownBy(wrong::datasources).isInstanceOf(GrafanaApiException.class)
                .hasMessageContaining("rejected the admin login").hasMessageContaining("service-account token")
                .hasMessageNotContaining("wrong-pass-4711");
    }
}
