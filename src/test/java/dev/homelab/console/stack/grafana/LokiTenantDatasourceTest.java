package dev.homelab.console.stack.grafana;

import dev.homelab.console.util.Json;
import dev.homelab.console.verify.grafana.GrafanaClient;
import dev.homelab.console.verify.grafana.GrafanaDatasource;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A multi-tenant Loki's datasource sends X-Scope-OrgID with the tenant, through the sidecar file and the API. */
class LokiTenantDatasourceTest {

    private static final GrafanaDatasource LOKI = DatasourceTargets.loki("loki", "Loki",
            "http://loki-gateway.loki.svc.cluster.local", "homelab");

    @Test
    void theSidecarFileCarriesTheHeaderNameAndTheTenantAndReadsBack() {
        ConfigMap configMap = SidecarDatasources.configMap("grafana", "grafana_datasource", "1", List.of(LOKI));

        JsonNode file = Json.YAML.readTree(configMap.getData().get(SidecarDatasources.FILE_NAME));
        JsonNode entry = file.path("datasources").get(0);
        assertThat(entry.at("/jsonData/httpHeaderName1").asString()).isEqualTo("X-Scope-OrgID");
        assertThat(entry.at("/secureJsonData/httpHeaderValue1").asString()).isEqualTo("homelab");
        assertThat(SidecarDatasources.parse(configMap)).singleElement()
                .satisfies(ds -> assertThat(ds.secureJsonData()).containsEntry("httpHeaderValue1", "homelab"));
    }

    @Test
    void theApiPayloadCarriesTheTenantAndNothingSecureWithoutOne() {
        assertThat(GrafanaClient.payload(LOKI).at("/secureJsonData/httpHeaderValue1").asString()).isEqualTo("homelab");

        GrafanaDatasource singleTenant = DatasourceTargets.loki("loki", "Loki", "http://loki:3100", null);
        assertThat(GrafanaClient.payload(singleTenant).has("secureJsonData")).isFalse();
        assertThat(singleTenant.jsonData()).doesNotContainKey("httpHeaderName1");
        ConfigMap configMap = SidecarDatasources.configMap("grafana", "grafana_datasource", "1", List.of(singleTenant));
        assertThat(configMap.getData().get(SidecarDatasources.FILE_NAME)).doesNotContain("secureJsonData");
    }
}
