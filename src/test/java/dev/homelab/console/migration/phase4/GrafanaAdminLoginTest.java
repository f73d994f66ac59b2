package dev.homelab.console.migration.phase4;

import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.migration.FakeReleaseManager;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.testing.MockServerLab;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Grafana's admin login read from the Secret its chart made, or from the one {@code admin.existingSecret} names. */
@EnableKubernetesMockClient(crud = true, https = false)
class GrafanaAdminLoginTest {

    KubernetesClient client;
    @TempDir
    Path home;
    final FakeReleaseManager releases = new FakeReleaseManager();

    StepContext context() {
        return new MockServerLab(client).stepContext(home, GrafanaDatasourcesStep.ID, releases, Map.of());
    }

    void grafana(Map<String, Object> values) {
        releases.preinstall(new HelmRelease("grafana", "grafana", 1, "deployed", "grafana", "10.1.4", "12.2.1", values,
                "", Instant.now(), "Install complete"));
    }

    void secret(String name, Map<String, String> labels, Map<String, String> values) {
        Map<String, String> data = new java.util.HashMap<>();
        values.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        client.resource(new SecretBuilder().withNewMetadata().withName(name).withNamespace("grafana")
                .withLabels(labels).endMetadata().withData(data).build()).create();
    }

    @Test
    void theReleasesOwnSecretGivesTheLogin() {
        grafana(Map.of());
        secret("grafana", Map.of("app.kubernetes.io/name", "grafana", "app.kubernetes.io/instance", "grafana"),
                Map.of("admin-user", "admin", "admin-password", "s3cret-admin", "ldap-toml", ""));
        secret("other-grafana", Map.of("app.kubernetes.io/name", "grafana", "app.kubernetes.io/instance", "other"),
                Map.of("admin-user", "admin", "admin-password", "not-this-one"));

        GrafanaAdminLogin login = GrafanaAdminLogin.read(context());

        assertThat(login.user()).isEqualTo("admin");
        assertThat(login.password()).isEqualTo("s3cret-admin");
        assertThat(login.secret()).isEqualTo("grafana/grafana");
        assertThat(login.toString()).doesNotContain("s3cret-admin");
    }

    @Test
    void anExistingSecretNamedInTheValuesIsReadWithItsKeys() {
        grafana(Map.of("admin", Map.of("existingSecret", "grafana-admin", "userKey", "user", "passwordKey", "pass")));
        secret("grafana-admin", Map.of(), Map.of("user", "root", "pass", "from-existing"));

        GrafanaAdminLogin login = GrafanaAdminLogin.read(context());

        assertThat(login.user()).isEqualTo("root");
        assertThat(login.password()).isEqualTo("from-existing");
        assertThat(login.secret()).isEqualTo("grafana/grafana-admin");
    }

    @Test
    void aMissingSecretSaysSoAndOffersTheToken() {
        grafana(Map.of());

        assertThatThrownBy(() -> GrafanaAdminLogin.read(context())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("was not found").hasMessageContaining("service-account token");
    }
}
