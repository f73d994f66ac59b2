package dev.homelab.console.migration;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where step states live: the ConfigMap {@code homelab-console/homelab-console-journal} (the source of truth, so that
 * any console on any machine sees it) mirrored to {@code <data>/journals/<clusterId>.json} (so the local app can show
 * the last known state when the cluster is unreachable). Every mutation of the cluster is journaled before and after;
 * when the ConfigMap cannot be written, the step does not run.
 */
public final class MigrationJournal {

    public static final String NAMESPACE = "homelab-console";
    public static final String CONFIG_MAP = "homelab-console-journal";
    public static final String KEY = "journal.json";
    private static final Logger LOG = LoggerFactory.getLogger(MigrationJournal.class);

    private final KubernetesClient kube;
    private final Path mirror;
    private final String clusterId;

    public MigrationJournal(KubernetesClient kube, AppDirs dirs, String clusterId) {
        this.kube = kube;
        this.clusterId = clusterId;
        this.mirror = dirs.dataDir("journals").resolve(safeFileName(clusterId) + ".json");
    }

    /** The journal from the cluster; the local mirror when the ConfigMap is absent or unreadable. */
    public JournalState load() {
        try {
            ConfigMap map = kube.configMaps().inNamespace(NAMESPACE).withName(CONFIG_MAP).get();
            if (map != null && map.getData() != null && map.getData().containsKey(KEY)) {
                return Json.JSON.readValue(map.getData().get(KEY), JournalState.class);
            }
        } catch (KubernetesClientException e) {
            LOG.warn("Cannot read the journal ConfigMap {}/{} ({}); showing the local copy {}", NAMESPACE, CONFIG_MAP,
                    e.getMessage(), mirror);
        }
        return loadMirror();
    }

    /** Writes the journal to the cluster, then to the local mirror. Throws when the cluster copy cannot be written. */
    public void save(JournalState state) {
        String json = Json.PRETTY.writeValueAsString(state);
        try {
            ensureNamespace();
            ConfigMap map = new ConfigMapBuilder()
                    .withNewMetadata().withName(CONFIG_MAP).withNamespace(NAMESPACE)
                    .addToLabels("app.kubernetes.io/managed-by", "homelab-console")
                    .endMetadata()
                    .addToData(KEY, json)
                    .build();
            var resource = kube.configMaps().inNamespace(NAMESPACE).resource(map);
            if (kube.configMaps().inNamespace(NAMESPACE).withName(CONFIG_MAP).get() == null) {
                resource.create();
            } else {
                kube.configMaps().inNamespace(NAMESPACE).withName(CONFIG_MAP)
                        .edit(existing -> {
                            existing.setData(map.getData());
                            return existing;
                        });
            }
        } catch (KubernetesClientException e) {
            throw new JournalException("Could not record the migration state in ConfigMap " + NAMESPACE + "/"
                    + CONFIG_MAP + ": " + e.getMessage() + ". Nothing was changed; check that your user may create "
                    + "ConfigMaps in namespace " + NAMESPACE + " and that the cluster is reachable.", e);
        }
        writeMirror(json);
    }

    public Path mirrorFile() {
        return mirror;
    }

    private void ensureNamespace() {
        if (kube.namespaces().withName(NAMESPACE).get() == null) {
            kube.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE)
                    .addToLabels("app.kubernetes.io/managed-by", "homelab-console").endMetadata().build()).create();
        }
    }

    private JournalState loadMirror() {
        if (!Files.exists(mirror)) {
            return JournalState.empty(clusterId);
        }
        try {
            return Json.JSON.readValue(Files.readString(mirror), JournalState.class);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Local journal copy {} is unreadable ({}); starting empty", mirror, e.getMessage());
            return JournalState.empty(clusterId);
        }
    }

    private void writeMirror(String json) {
        try {
            Path tmp = mirror.resolveSibling(mirror.getFileName() + ".tmp");
            Files.writeString(tmp, json);
            try {
                Files.move(tmp, mirror, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, mirror, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warn("Could not write the local journal copy {}: {}", mirror, e.getMessage());
        }
    }

    private static String safeFileName(String id) {
        return id.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The journal could not be written; nothing was changed. */
    public static final class JournalException extends RuntimeException {
        public JournalException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
