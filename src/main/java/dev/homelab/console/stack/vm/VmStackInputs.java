package dev.homelab.console.stack.vm;

import dev.homelab.console.stack.PiProfile;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Every choice that shapes the victoria-metrics-k8s-stack values, detected from the cluster or chosen by the user.
 * Holds no secret: the Pushover token and user key stay in the Kubernetes Secret named {@code pushoverSecretName}.
 *
 * @param releaseName         short Helm release name; also the {@code fullnameOverride}, so every operator-made name
 *                            ({@code vmsingle-<name>}, {@code vmalertmanager-<name>-0...}) stays far below 63 chars
 * @param namespace           where the stack is installed (and where the Pushover Secret lives)
 * @param storageClass        StorageClass of vmsingle's volume ({@code local-path} or {@code longhorn})
 * @param storageSize         vmsingle volume size, e.g. {@code 20Gi}
 * @param retention           vmsingle retention, e.g. {@code 14d}
 * @param scrapeInterval      vmagent's scrape interval, e.g. {@code 30s}
 * @param buffer              where vmagent's remote-write queue lives and how large it may grow
 * @param nodeExporter        install the stack's node-exporter (false while kube-prometheus-stack's still binds :9100)
 * @param k3s                 the cluster is k3s: no controller-manager / scheduler / etcd / kube-proxy pods to scrape
 * @param converterOwnership  operator's {@code enable_converter_ownership}: converted objects are deleted with their
 *                            Prometheus source
 * @param pushoverSecretName  Secret with keys {@code token} and {@code user_key}, mounted into Alertmanager
 * @param grafanaUrl          the existing Grafana's URL for alert links (null when unknown)
 * @param profile             resource requests/limits
 */
public record VmStackInputs(String releaseName, String namespace, String storageClass, String storageSize,
                            String retention, String scrapeInterval, VmAgentBuffer buffer, boolean nodeExporter,
                            boolean k3s, boolean converterOwnership, String pushoverSecretName, String grafanaUrl,
                            PiProfile profile) {

    /**
     * Longest release name we accept: the operator prefixes and suffixes it ({@code vmalertmanager-<name>-config},
     * {@code <name>-victoria-metrics-operator-...}) and names and label values must stay within 63 characters.
     */
    public static final int MAX_RELEASE_NAME = 20;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern QUANTITY = Pattern.compile("[0-9]+(Mi|Gi|Ti)");
    private static final Pattern RETENTION = Pattern.compile("[0-9]+[hdwy]?");
    private static final Pattern INTERVAL = Pattern.compile("[0-9]+(s|m)");

    public VmStackInputs {
        Objects.requireNonNull(buffer, "buffer");
        Objects.requireNonNull(profile, "profile");
        List<String> problems = new java.util.ArrayList<>();
        if (releaseName == null || !DNS_LABEL.matcher(releaseName).matches()
                || releaseName.length() > MAX_RELEASE_NAME) {
            problems.add("release name '" + releaseName + "' must be a DNS label of at most " + MAX_RELEASE_NAME
                    + " characters (e.g. vmks), because the operator derives 63-character names from it");
        }
        if (namespace == null || !DNS_LABEL.matcher(namespace).matches()) {
            problems.add("namespace '" + namespace + "' is not a valid Kubernetes namespace name");
        }
        if (storageClass == null || storageClass.isBlank()) {
            problems.add("no StorageClass chosen for vmsingle (the cluster offers none of local-path / longhorn?)");
        }
        if (storageSize == null || !QUANTITY.matcher(storageSize).matches()) {
            problems.add("vmsingle size '" + storageSize + "' must look like 20Gi");
        }
        if (retention == null || !RETENTION.matcher(retention).matches()) {
            problems.add("retention '" + retention + "' must look like 14d (units h, d, w, y; a bare number means"
                    + " months)");
        }
        if (scrapeInterval == null || !INTERVAL.matcher(scrapeInterval).matches()) {
            problems.add("scrape interval '" + scrapeInterval + "' must look like 30s");
        }
        if (pushoverSecretName == null || !DNS_LABEL.matcher(pushoverSecretName).matches()) {
            problems.add("Pushover Secret name '" + pushoverSecretName + "' is not a valid Secret name");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Cannot build the metrics stack values: " + String.join("; ", problems));
        }
    }

    /** The defaults of the migration: 14 d on 20 Gi, 30 s scrapes, 2 GiB buffer, ownership on. */
    public static VmStackInputs defaults(String storageClass, VmAgentBuffer buffer, boolean nodeExporter, boolean k3s) {
        return new VmStackInputs("vmks", "monitoring", storageClass, "20Gi", "14d", "30s", buffer, nodeExporter, k3s,
                true, "alertmanager-pushover", null, PiProfile.raspberryPi5());
    }

    /** Names the operator gives the stack's services. */
    public StackNames names() {
        return new StackNames(releaseName, namespace);
    }
}
