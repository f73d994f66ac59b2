package dev.homelab.console.stack.loki;

import dev.homelab.console.stack.gitops.SecretTemplate;
import dev.homelab.console.stack.values.ValuesTree;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LokiExportValuesTest {

    private static final LokiExportValues.KeyVariables VARIABLES =
            new LokiExportValues.KeyVariables("HOMELAB_S3_ACCESS_KEY", "HOMELAB_S3_SECRET_KEY");

    @Test
    void keysInClearMoveToASecretTheChartInjects() {
        Map<String, Object> values = Map.of("loki", Map.of("storage", Map.of("s3", Map.of(
                "endpoint", "minio.minio.svc:9000", "accessKeyId", "clear-access-key",
                "secretAccessKey", "clear-secret-key"))));

        LokiExportValues.Exported exported = LokiExportValues.of("loki", "logging", values, VARIABLES,
                name -> Optional.empty());

        assertThat(exported.values().toString()).doesNotContain("clear-access-key").doesNotContain("clear-secret-key");
        assertThat(ValuesTree.getString(exported.values(), "loki.storage.s3.accessKeyId"))
                .contains("${LOKI_S3_ACCESS_KEY_ID}");
        assertThat(ValuesTree.get(exported.values(), "global.extraArgs")).contains(List.of("-config.expand-env=true"));
        assertThat(ValuesTree.get(exported.values(), "global.extraEnvFrom"))
                .contains(List.of(Map.of("secretRef", Map.of("name", "loki-s3-credentials"))));
        SecretTemplate secret = exported.secrets().get(0);
        assertThat(secret.id()).isEqualTo("logging/loki-s3-credentials");
        assertThat(secret.keys()).containsOnlyKeys("LOKI_S3_ACCESS_KEY_ID", "LOKI_S3_SECRET_ACCESS_KEY");
        assertThat(secret.keys().get("LOKI_S3_SECRET_ACCESS_KEY").variable()).isEqualTo("HOMELAB_S3_SECRET_KEY");
        assertThat(exported.notes()).anySatisfy(n -> assertThat(n).contains("in clear"));
    }

    @Test
    void envReferencesGetTemplatesFromExtraEnvFromAndSecretKeyRefs() {
        Map<String, Object> values = Map.of(
                "loki", Map.of("storage", Map.of("s3", Map.of("accessKeyId", "${MINIO_ACCESS_KEY_ID}",
                        "secretAccessKey", "${MINIO_SECRET_ACCESS_KEY}")),
                        "ruler", Map.of("password", "${RULER_PASSWORD}")),
                "global", Map.of("extraArgs", List.of("-config.expand-env=true"),
                        "extraEnvFrom", List.of(Map.of("secretRef", Map.of("name", "loki-minio")))),
                "singleBinary", Map.of("extraEnv", List.of(Map.of("name", "RULER_PASSWORD", "valueFrom",
                        Map.of("secretKeyRef", Map.of("name", "loki-ruler", "key", "password"))))));

        LokiExportValues.Exported exported = LokiExportValues.of("loki", "loki", values, VARIABLES,
                name -> name.equals("loki-minio")
                        ? Optional.of(Set.of("MINIO_ACCESS_KEY_ID", "MINIO_SECRET_ACCESS_KEY")) : Optional.empty());

        assertThat(exported.values()).isEqualTo(values);
        assertThat(exported.secrets()).extracting(SecretTemplate::id)
                .containsExactlyInAnyOrder("loki/loki-minio", "loki/loki-ruler");
        SecretTemplate minio = exported.secrets().stream().filter(s -> s.name().equals("loki-minio")).findFirst()
                .orElseThrow();
        assertThat(minio.keys().get("MINIO_ACCESS_KEY_ID").variable()).isEqualTo("HOMELAB_S3_ACCESS_KEY");
        assertThat(minio.keys().get("MINIO_SECRET_ACCESS_KEY").variable()).isEqualTo("HOMELAB_S3_SECRET_KEY");
        SecretTemplate ruler = exported.secrets().stream().filter(s -> s.name().equals("loki-ruler")).findFirst()
                .orElseThrow();
        assertThat(ruler.keys()).containsOnlyKeys("password");
    }

    @Test
    void otherCredentialsInClearAreRedactedWithANote() {
        Map<String, Object> values = Map.of(
                "gateway", Map.of("basicAuth", Map.of("username", "admin", "password", "hunter2-clear")),
                "singleBinary", Map.of("extraEnv", List.of(Map.of("name", "MINIO_SECRET_ACCESS_KEY",
                        "value", "env-clear-secret"))));

        LokiExportValues.Exported exported = LokiExportValues.of("loki", "loki", values, VARIABLES,
                name -> Optional.empty());

        assertThat(exported.values().toString()).doesNotContain("hunter2-clear").doesNotContain("env-clear-secret")
                .contains("admin");
        assertThat(exported.notes()).anySatisfy(n -> assertThat(n).contains("gateway.basicAuth.password")
                .contains("singleBinary.extraEnv[0].value"));
    }
}
