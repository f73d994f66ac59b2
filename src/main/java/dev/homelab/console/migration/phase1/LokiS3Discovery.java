package dev.homelab.console.migration.phase1;

import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.helm.HelmRelease;
import dev.homelab.console.migration.MigrationSettings;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.verify.s3.S3Credentials;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds Loki's S3 endpoint, buckets and credentials from the installed Loki release's values
 * ({@code loki.storage.s3.*}, {@code loki.storage.bucketNames.*}); credentials given as {@code ${VAR}} are resolved
 * through the env the chart injects ({@code global|defaults|singleBinary|loki .extraEnv} with secretKeyRef, and
 * {@code .extraEnvFrom} secretRef) from the Secret in Loki's namespace. What the user entered (settings
 * {@code s3Endpoint}, secrets {@code s3.accessKey}/{@code s3.secretKey}) wins.
 */
public final class LokiS3Discovery {

    private static final Pattern ENV_REF = Pattern.compile("^\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-[^}]*)?}$");
    private static final List<String> ENV_SECTIONS = List.of("global", "defaults", "singleBinary", "loki", "backend",
            "write", "read");

    private LokiS3Discovery() {
    }

    /** The configuration, or a reason why none could be found. */
    public record Result(Optional<LokiS3Config> config, String problem) {
    }

    public static Result discover(KubernetesClient kube, List<HelmRelease> releases, MigrationSettings settings,
                                  SecretsProvider secrets) {
        Optional<HelmRelease> loki = releases.stream().filter(r -> "loki".equals(r.chartName())).findFirst();
        Optional<String> enteredEndpoint = settings.s3EndpointOverride();
        Optional<S3Credentials> enteredKeys = secrets.get(SecretsProvider.S3_ACCESS_KEY)
                .flatMap(ak -> secrets.get(SecretsProvider.S3_SECRET_KEY).map(sk -> new S3Credentials(ak, sk)));
        if (loki.isEmpty() && enteredEndpoint.isEmpty()) {
            return new Result(Optional.empty(), "No Loki release was found (helm list shows no chart named loki) and "
                    + "no S3 endpoint was entered.");
        }
        List<String> notes = new ArrayList<>();
        Map<String, Object> values = loki.map(HelmRelease::values).orElse(Map.of());
        String namespace = loki.map(HelmRelease::namespace).orElse("default");
        Map<String, Object> s3 = map(values, "loki", "storage", "s3");
        String endpoint = enteredEndpoint.orElse(string(s3.get("endpoint")));
        if (endpoint == null || endpoint.isBlank()) {
            return new Result(Optional.empty(), "The Loki release " + namespace + "/" + loki.get().name()
                    + " sets no loki.storage.s3.endpoint (storage type " + string(map(values, "loki", "storage")
                    .getOrDefault("type", "s3")) + ").");
        }
        boolean insecure = Boolean.TRUE.equals(s3.get("insecure")) || endpoint.startsWith("http://");
        if (loki.isPresent() && !Boolean.TRUE.equals(s3.get("s3ForcePathStyle")) && enteredEndpoint.isEmpty()) {
            notes.add("loki.storage.s3.s3ForcePathStyle is not true; MinIO needs path-style access (Phase 3 review "
                    + "proposes the fix).");
        }
        List<String> buckets = buckets(values, settings);
        Optional<S3Credentials> credentials = enteredKeys;
        String credentialsSource = enteredKeys.isPresent() ? "entered by the user" : "";
        String credentialsSecret = null;
        if (credentials.isEmpty() && loki.isPresent()) {
            String accessKey = string(s3.get("accessKeyId"));
            String secretKey = string(s3.get("secretAccessKey"));
            Resolved access = resolve(kube, values, namespace, accessKey);
            Resolved secret = resolve(kube, values, namespace, secretKey);
            if (access.value() != null && secret.value() != null) {
                credentials = Optional.of(new S3Credentials(access.value(), secret.value()));
                credentialsSource = access.source().equals(secret.source()) ? access.source()
                        : access.source() + " and " + secret.source();
                credentialsSecret = access.secret() != null ? access.secret() : secret.secret();
                if (access.secret() == null || secret.secret() == null) {
                    notes.add("Loki's S3 keys are written in clear in the Helm values of " + namespace + "/"
                            + loki.get().name() + "; move them into a Secret (global.extraEnvFrom).");
                }
            } else {
                credentialsSource = "not found: " + (access.value() == null ? access.source() : secret.source());
            }
        }
        ServiceRef service = serviceOf(endpoint, namespace);
        URI external = service == null ? URI.create(endpoint.contains("://") ? endpoint
                : (insecure ? "http://" : "https://") + endpoint) : null;
        String source = enteredEndpoint.isPresent() ? "entered by the user"
                : "Loki release " + namespace + "/" + loki.get().name() + " (chart " + loki.get().chart() + ")";
        return new Result(Optional.of(new LokiS3Config(source, endpoint, service, external,
                string(s3.get("region")), buckets, credentials, credentialsSource, credentialsSecret, notes)), null);
    }

    private static List<String> buckets(Map<String, Object> values, MigrationSettings settings) {
        LinkedHashSet<String> buckets = new LinkedHashSet<>(settings.s3Buckets());
        Map<String, Object> names = map(values, "loki", "storage", "bucketNames");
        for (String key : List.of("chunks", "ruler", "admin")) {
            String bucket = string(names.get(key));
            if (bucket != null && !bucket.isBlank()) {
                buckets.add(bucket);
            }
        }
        return List.copyOf(buckets);
    }

    private record Resolved(String value, String source, String secret) {
    }

    private static Resolved resolve(KubernetesClient kube, Map<String, Object> values, String namespace,
                                    String configured) {
        if (configured == null || configured.isBlank()) {
            return new Resolved(null, "loki.storage.s3 sets no access keys", null);
        }
        Matcher ref = ENV_REF.matcher(configured.trim());
        if (!ref.matches()) {
            return new Resolved(configured, "Helm values of the Loki release", null);
        }
        String variable = ref.group(1);
        for (String section : ENV_SECTIONS) {
            for (Object item : list(map(values, section).get("extraEnv"))) {
                if (item instanceof Map<?, ?> env && variable.equals(env.get("name"))) {
                    if (env.get("value") != null) {
                        return new Resolved(string(env.get("value")), section + ".extraEnv " + variable, null);
                    }
                    Map<String, Object> keyRef = map(cast(env), "valueFrom", "secretKeyRef");
                    String secretName = string(keyRef.get("name"));
                    String key = string(keyRef.get("key"));
                    if (secretName != null && key != null) {
                        return fromSecret(kube, namespace, secretName, key);
                    }
                }
            }
            for (Object item : list(map(values, section).get("extraEnvFrom"))) {
                if (item instanceof Map<?, ?> from) {
                    String secretName = string(map(cast(from), "secretRef").get("name"));
                    if (secretName != null) {
                        Resolved resolved = fromSecret(kube, namespace, secretName, variable);
                        if (resolved.value() != null) {
                            return resolved;
                        }
                    }
                }
            }
        }
        return new Resolved(null, "${" + variable + "} is not provided by any extraEnv/extraEnvFrom of the Loki "
                + "release", null);
    }

    private static Resolved fromSecret(KubernetesClient kube, String namespace, String name, String key) {
        Secret secret = kube.secrets().inNamespace(namespace).withName(name).get();
        String where = "Secret " + namespace + "/" + name + " key " + key;
        if (secret == null) {
            return new Resolved(null, where + " (the Secret does not exist)", null);
        }
        String encoded = secret.getData() == null ? null : secret.getData().get(key);
        if (encoded == null) {
            return new Resolved(null, where + " (no such key)", null);
        }
        return new Resolved(new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8), where,
                namespace + "/" + name);
    }

    /** "minio.minio.svc:9000" / "minio.minio.svc.cluster.local:9000" / "minio:9000" → a Service; else null. */
    static ServiceRef serviceOf(String endpoint, String defaultNamespace) {
        String hostPort = endpoint.replaceFirst("^[a-z]+://", "").replaceFirst("/.*$", "");
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
        int port = hostPort.contains(":") ? Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1))
                : endpoint.startsWith("https://") ? 443 : 80;
        String trimmed = host.replaceFirst("\\.$", "").replaceFirst("\\.cluster\\.local$", "");
        String[] parts = trimmed.split("\\.");
        if (parts.length == 1 && !trimmed.matches("[0-9]+")) {
            return new ServiceRef(defaultNamespace, parts[0], port);
        }
        if (parts.length == 3 && parts[2].equals("svc") || parts.length == 2 && !trimmed.matches("[0-9.]+")
                && !parts[1].matches("(com|net|org|io|dev|lan|local|home|internal)")) {
            return new ServiceRef(parts[1], parts[0], port);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> values, String... path) {
        Object current = values;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return Map.of();
            }
            current = ((Map<String, Object>) map).get(key);
        }
        return current instanceof Map<?, ?> found ? (Map<String, Object>) found : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
