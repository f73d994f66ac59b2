package dev.homelab.console.stack.gitops;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The same target state with plain kubectl and helm: namespaces, the Secrets created from environment variables (the
 * script holds variable names only), the extra manifests, then the releases.
 */
final class HelmScript {

    private HelmScript() {
    }

    static String render(List<ReleaseTarget> releases, List<String> manifestFiles, List<SecretTemplate> secrets) {
        StringBuilder script = new StringBuilder("""
                #!/usr/bin/env bash
                # The same target state with plain kubectl and helm. Secret values come from the environment
                # variables named below; nothing secret is stored in this folder.
                set -euo pipefail
                cd "$(dirname "$0")"
                """);
        Set<String> namespaces = new TreeSet<>();
        releases.forEach(r -> namespaces.add(r.namespace()));
        secrets.forEach(s -> namespaces.add(s.namespace()));
        for (String namespace : namespaces) {
            script.append("kubectl create namespace ").append(namespace)
                    .append(" --dry-run=client -o yaml | kubectl apply -f -\n");
        }
        for (SecretTemplate secret : secrets) {
            if (secret.keys().isEmpty()) {
                script.append("# Secret ").append(secret.id())
                        .append(": keys unknown, create it yourself (see README.md)\n");
                continue;
            }
            script.append("# Secret ").append(secret.id())
                    .append(secret.purpose().isBlank() ? "" : ": " + secret.purpose()).append('\n');
            script.append("kubectl -n ").append(secret.namespace()).append(" create secret generic ")
                    .append(secret.name());
            secret.keys().forEach((key, source) -> script.append(" \\\n  --from-literal=").append(key)
                    .append("=\"${").append(source.variable()).append(":?set ").append(source.variable())
                    .append(" (").append(source.description().replaceAll("[^A-Za-z0-9 ,./_-]", " ")).append(")}\""));
            script.append(" \\\n  --dry-run=client -o yaml | kubectl apply -f -\n");
        }
        for (String manifest : manifestFiles) {
            script.append("kubectl apply -f ").append(manifest).append('\n');
        }
        Map<String, String> repositories = new TreeMap<>();
        releases.forEach(r -> repositories.put(r.chart().repoName(), r.chart().repoUrl().toString()));
        repositories.forEach((name, url) -> script.append("helm repo add ").append(name).append(' ').append(url)
                .append(" --force-update\n"));
        if (!repositories.isEmpty()) {
            script.append("helm repo update\n");
        }
        for (ReleaseTarget release : releases) {
            script.append("helm upgrade --install ").append(release.name()).append(' ')
                    .append(release.chart().repoName()).append('/').append(release.chart().chart())
                    .append(" --version ").append(release.chart().version())
                    .append(" --namespace ").append(release.namespace()).append(" --create-namespace")
                    .append(" --values values/").append(release.fileStem()).append(".yaml --wait --timeout 10m\n");
        }
        return script.toString();
    }
}
