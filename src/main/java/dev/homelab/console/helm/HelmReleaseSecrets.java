package dev.homelab.console.helm;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Helm 3's release storage: Secrets {@code sh.helm.release.v1.<name>.v<revision>} of type {@code helm.sh/release.v1}
 * whose {@code release} key holds base64(gzip(release JSON)) (on top of the Secret's own base64).
 * Reading these works on every cluster Helm 3 manages, and on the sandbox, which writes them the same way.
 */
public final class HelmReleaseSecrets {

    public static final String TYPE = "helm.sh/release.v1";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private HelmReleaseSecrets() {
    }

    /** Latest revision of every release in all namespaces. */
    public static List<HelmRelease> latestReleases(KubernetesClient kube) {
        Map<String, HelmRelease> latest = new LinkedHashMap<>();
        for (Secret secret : kube.secrets().inAnyNamespace().withLabel("owner", "helm").list().getItems()) {
            if (!TYPE.equals(secret.getType())) {
                continue;
            }
            HelmRelease release = decode(secret);
            latest.merge(release.namespace() + "/" + release.name(), release,
                    (a, b) -> a.revision() >= b.revision() ? a : b);
        }
        return new ArrayList<>(latest.values());
    }

    public static List<HelmRelease> history(KubernetesClient kube, String namespace, String name) {
        List<HelmRelease> revisions = new ArrayList<>();
        for (Secret secret : kube.secrets().inNamespace(namespace).withLabel("owner", "helm").withLabel("name", name)
                .list().getItems()) {
            if (TYPE.equals(secret.getType())) {
                revisions.add(decode(secret));
            }
        }
        revisions.sort(Comparator.comparingInt(HelmRelease::revision));
        return revisions;
    }

    public static Optional<HelmRelease> latest(KubernetesClient kube, String namespace, String name) {
        List<HelmRelease> all = history(kube, namespace, name);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    public static HelmRelease decode(Secret secret) {
        JsonNode root = releaseJson(secret);
        JsonNode metadata = root.path("chart").path("metadata");
        JsonNode info = root.path("info");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = root.hasNonNull("config")
                ? JSON.convertValue(root.get("config"), Map.class) : Map.of();
        String lastDeployed = info.path("last_deployed").asString("");
        return new HelmRelease(root.path("name").asString(), root.path("namespace").asString(),
                root.path("version").asInt(), info.path("status").asString("unknown"),
                metadata.path("name").asString(""), metadata.path("version").asString(""),
                metadata.path("appVersion").asString(""), config, root.path("manifest").asString(""),
                lastDeployed.isEmpty() ? null : Instant.parse(lastDeployed), info.path("description").asString(""));
    }

    /**
     * The chart's own metadata as Helm stored it with the release (name, version, appVersion, home, sources,
     * description, ...): tells apart charts that share a name, such as grafana/loki and grafana-community/loki.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> chartMetadata(Secret secret) {
        JsonNode metadata = releaseJson(secret).path("chart").path("metadata");
        return metadata.isObject() ? JSON.convertValue(metadata, Map.class) : Map.of();
    }

    private static JsonNode releaseJson(Secret secret) {
        String payload = secret.getData() == null ? null : secret.getData().get("release");
        if (payload == null) {
            throw new IllegalArgumentException("Secret " + secret.getMetadata().getName() + " has no 'release' key");
        }
        byte[] helmBase64 = Base64.getDecoder().decode(payload);
        byte[] gzipped = Base64.getDecoder().decode(helmBase64);
        return JSON.readTree(gunzip(gzipped));
    }

    /** The Secret Helm would store for this release revision (used by the sandbox and by tests). */
    public static Secret encode(HelmRelease release) {
        ObjectNode root = JSON.createObjectNode();
        root.put("name", release.name());
        root.put("namespace", release.namespace());
        root.put("version", release.revision());
        ObjectNode info = root.putObject("info");
        String deployed = (release.lastDeployed() == null ? Instant.now() : release.lastDeployed()).toString();
        info.put("first_deployed", deployed);
        info.put("last_deployed", deployed);
        info.put("status", release.status());
        info.put("description", release.description());
        ObjectNode metadata = root.putObject("chart").putObject("metadata");
        metadata.put("name", release.chartName());
        metadata.put("version", release.chartVersion());
        metadata.put("appVersion", release.appVersion());
        root.set("config", JSON.valueToTree(release.values()));
        root.put("manifest", release.manifest());
        byte[] gzipped = gzip(JSON.writeValueAsBytes(root));
        String helmBase64 = Base64.getEncoder().encodeToString(gzipped);
        String secretData = Base64.getEncoder().encodeToString(helmBase64.getBytes(StandardCharsets.US_ASCII));
        return new SecretBuilder()
                .withNewMetadata()
                .withName("sh.helm.release.v1." + release.name() + ".v" + release.revision())
                .withNamespace(release.namespace())
                .addToLabels("owner", "helm")
                .addToLabels("name", release.name())
                .addToLabels("status", release.status())
                .addToLabels("version", Integer.toString(release.revision()))
                .endMetadata()
                .withType(TYPE)
                .addToData("release", secretData)
                .build();
    }

    private static byte[] gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Helm release payload is not gzip", e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
