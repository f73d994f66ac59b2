package dev.homelab.console.helm;

import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.client.Config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A single-context kubeconfig, in memory, equivalent to the fabric8 {@link Config} the console connected with —
 * what helm-java gets through {@code withKubeConfigContents}. Never written to a file.
 */
public final class KubeconfigYaml {

    private KubeconfigYaml() {
    }

    public static String from(Config config) {
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("server", config.getMasterUrl());
        putIfPresent(cluster, "certificate-authority-data", config.getCaCertData());
        putIfPresent(cluster, "certificate-authority", config.getCaCertFile());
        if (config.isTrustCerts()) {
            cluster.put("insecure-skip-tls-verify", true);
        }
        Map<String, Object> user = new LinkedHashMap<>();
        putIfPresent(user, "client-certificate-data", config.getClientCertData());
        putIfPresent(user, "client-certificate", config.getClientCertFile());
        putIfPresent(user, "client-key-data", config.getClientKeyData());
        putIfPresent(user, "client-key", config.getClientKeyFile());
        putIfPresent(user, "token", config.getAutoOAuthToken() != null ? config.getAutoOAuthToken()
                : config.getOauthToken());
        putIfPresent(user, "username", config.getUsername());
        putIfPresent(user, "password", config.getPassword());
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("cluster", "console");
        context.put("user", "console");
        putIfPresent(context, "namespace", config.getNamespace());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        root.put("clusters", List.of(Map.of("name", "console", "cluster", cluster)));
        root.put("users", List.of(Map.of("name", "console", "user", user)));
        root.put("contexts", List.of(Map.of("name", "console", "context", context)));
        root.put("current-context", "console");
        return Json.YAML.writeValueAsString(root);
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank())) {
            map.put(key, value);
        }
    }
}
