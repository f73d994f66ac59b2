package dev.homelab.console.sandbox.charts;

import dev.homelab.console.sandbox.cluster.Workloads;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * victoria-metrics-k8s-stack (0.91.2): the operator (and its CRDs), the VMSingle/VMAgent/VMAlert/VMAlertmanager
 * custom resources and the workloads the operator creates from them ({@code vmsingle-<fullname>} :8428 with its PVC,
 * {@code vmagent-<fullname>} :8429, {@code vmalert-<fullname>} :8080, {@code vmalertmanager-<fullname>} :9093),
 * kube-state-metrics, node-exporter on hostPort 9100 (Pending "didn't have free ports" while another
 * node-exporter holds the port) and optionally Grafana.
 */
public final class VictoriaMetricsK8sStackChart implements Chart {

    public static final String GROUP = "operator.victoriametrics.com";
    private static final String VM_VERSION = "v1.150.0";

    @Override
    public String name() {
        return "victoria-metrics-k8s-stack";
    }

    @Override
    public String latestVersion() {
        return "0.91.2";
    }

    @Override
    public String appVersion() {
        return VM_VERSION;
    }

    @Override
    public String repositoryUrl() {
        return "https://victoriametrics.github.io/helm-charts/";
    }

    @Override
    public Rendering render(ChartContext ctx) {
        Values v = ctx.values();
        String release = ctx.releaseName();
        String ns = ctx.namespace();
        String full = ctx.fullname(name());
        Rendering r = new Rendering();
        vmCrds().forEach(r::crd);
        Map<String, String> crLabels = Map.of("app.kubernetes.io/name", name(), "app.kubernetes.io/instance", release);

        r.workload(Workloads.deployment(release + "-victoria-metrics-operator", "vm-operator")
                .selector("app.kubernetes.io/name", "victoria-metrics-operator")
                .selector("app.kubernetes.io/instance", release)
                .container("operator", "victoriametrics/operator:v0.74.1",
                        List.of("--zap-log-level=info", "--enable-leader-election"), "http:8080", "webhook:9443")
                .env("VM_ENABLEDPROMETHEUSCONVERTEROWNERREFERENCES",
                        String.valueOf(v.bool("victoria-metrics-operator.operator.enable_converter_ownership", false)))
                .service(release + "-victoria-metrics-operator", null, "http:8080", "webhook:443:9443").build());

        String vmsingleUrl = "http://vmsingle-" + full + "." + ns + ".svc.cluster.local.:8428";
        if (v.bool("vmsingle.enabled", true)) {
            String retention = v.string("vmsingle.spec.retentionPeriod", "1");
            r.object(Objects.custom(GROUP + "/v1beta1", "VMSingle", full, crLabels, v.map("vmsingle.spec")));
            Workloads single = Workloads.deployment("vmsingle-" + full, "vmsingle").byOperator()
                    .selector("app.kubernetes.io/name", "vmsingle").selector("app.kubernetes.io/instance", full)
                    .selector("app.kubernetes.io/component", "monitoring")
                    .selector("managed-by", "vm-operator")
                    .container("vmsingle", "victoriametrics/victoria-metrics:" + VM_VERSION,
                            List.of("-retentionPeriod=" + retention, "-storageDataPath=/victoria-metrics-data",
                                    "-httpListenAddr=:" + v.string("vmsingle.spec.port", "8428"),
                                    "-vmalert.proxyURL=http://vmalert-" + full + "." + ns + ".svc.cluster.local.:8080"),
                            "http:8428")
                    .service("vmsingle-" + full, "vmsingle", "http:8428");
            String storageSize = v.string("vmsingle.spec.storage.resources.requests.storage", "20Gi");
            if (v.get("vmsingle.spec.storage").isPresent()) {
                single.volume(new VolumeBuilder().withName("data").withNewPersistentVolumeClaim()
                        .withClaimName("vmsingle-" + full).endPersistentVolumeClaim().build());
                r.leftover(Objects.pvc("vmsingle-" + full, Map.of("app.kubernetes.io/name", "vmsingle",
                                "app.kubernetes.io/instance", full, "managed-by", "vm-operator"),
                        v.string("vmsingle.spec.storage.storageClassName", "local-path"), storageSize));
            } else {
                single.volume(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build());
            }
            Object singleNode = v.map("vmsingle.spec.nodeSelector").get("kubernetes.io/hostname");
            if (singleNode != null) {
                single.pinnedTo(singleNode.toString());
            }
            r.workload(single.build());
        }
        if (v.bool("vmagent.enabled", true)) {
            r.object(Objects.custom(GROUP + "/v1beta1", "VMAgent", full, crLabels, v.map("vmagent.spec")));
            r.workload(vmagent(ctx, full, vmsingleUrl));
        }
        if (v.bool("vmalert.enabled", true)) {
            r.object(Objects.custom(GROUP + "/v1beta1", "VMAlert", full, crLabels, v.map("vmalert.spec")));
            r.workload(Workloads.deployment("vmalert-" + full, "vmalert").byOperator()
                    .selector("app.kubernetes.io/name", "vmalert").selector("app.kubernetes.io/instance", full)
                    .selector("managed-by", "vm-operator")
                    .container("vmalert", "victoriametrics/vmalert:" + VM_VERSION,
                            List.of("-datasource.url=" + vmsingleUrl, "-remoteRead.url=" + vmsingleUrl,
                                    "-remoteWrite.url=" + vmsingleUrl,
                                    "-notifier.url=http://vmalertmanager-" + full + "-0.vmalertmanager-" + full
                                            + "." + ns + ".svc.cluster.local.:9093",
                                    "-evaluationInterval=" + v.string("vmalert.spec.evaluationInterval", "20s"),
                                    "-rule=/etc/vm/rules/*/*.yaml"), "http:8080")
                    .container("config-reloader", "victoriametrics/operator:config-reloader-v0.74.1", List.of())
                    .service("vmalert-" + full, "vmalert", "http:8080").build());
        }
        if (v.bool("alertmanager.enabled", true)) {
            r.object(Objects.custom(GROUP + "/v1beta1", "VMAlertmanager", full, crLabels,
                    v.map("alertmanager.spec")));
            if (!v.bool("alertmanager.useManagedConfig", false)) {
                r.object(Objects.secret(full + "-alertmanager", crLabels, Map.of("alertmanager.yaml",
                        Yaml.MAPPER.writeValueAsString(alertmanagerConfig(v)))));
            }
            r.workload(Workloads.statefulSet("vmalertmanager-" + full, "vm-alertmanager").byOperator()
                    .replicas(v.integer("alertmanager.spec.replicaCount", 1))
                    .selector("app.kubernetes.io/name", "vmalertmanager").selector("app.kubernetes.io/instance", full)
                    .selector("managed-by", "vm-operator")
                    .container("alertmanager", "prom/alertmanager:" + v.string("alertmanager.spec.image.tag",
                            "v0.32.1"), List.of("--config.file=/etc/alertmanager/config/alertmanager.yaml",
                            "--web.route-prefix=/"), "web:9093")
                    .container("config-reloader", "victoriametrics/operator:config-reloader-v0.74.1", List.of())
                    .service("vmalertmanager-" + full, "alertmanager", "web:9093")
                    .build());
        }
        if (v.bool("kube-state-metrics.enabled", true)) {
            r.workload(Workloads.deployment(release + "-kube-state-metrics", "kube-state-metrics")
                    .selector("app.kubernetes.io/name", "kube-state-metrics")
                    .selector("app.kubernetes.io/instance", release)
                    .container("kube-state-metrics", "registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.19.1",
                            List.of("--port=8080"), "http:8080")
                    .service(release + "-kube-state-metrics", null, "http:8080").build());
        }
        if (v.bool("prometheus-node-exporter.enabled", true)) {
            int port = v.integer("prometheus-node-exporter.service.port", 9100);
            r.workload(Workloads.daemonSet(release + "-prometheus-node-exporter", "node-exporter")
                    .selector("app.kubernetes.io/name", "prometheus-node-exporter")
                    .selector("app.kubernetes.io/instance", release)
                    .hostNetwork()
                    .container("node-exporter", "quay.io/prometheus/node-exporter:v1.11.1",
                            List.of("--path.procfs=/host/proc", "--path.sysfs=/host/sys",
                                    "--web.listen-address=[$(HOST_IP)]:" + port),
                            "metrics:" + port + ":" + port)
                    .service(release + "-prometheus-node-exporter", null, "metrics:" + port).build());
        }
        if (v.bool("grafana.enabled", true)) {
            r.workload(Workloads.deployment(release + "-grafana", "grafana")
                    .selector("app.kubernetes.io/name", "grafana").selector("app.kubernetes.io/instance", release)
                    .container("grafana", "docker.io/grafana/grafana:12.2.1", List.of(), "grafana:3000")
                    .service(release + "-grafana", "grafana", "service:80:3000").build());
        }
        if (v.bool("grafana.enabled", true) || v.bool("grafana.forceDeployDatasource", false)) {
            Map<String, String> dsLabels = new LinkedHashMap<>(crLabels);
            dsLabels.put(v.string("grafana.sidecar.datasources.label", "grafana_datasource"),
                    v.string("grafana.sidecar.datasources.labelValue", "1"));
            r.object(Objects.configMap(full + "-grafana-ds", dsLabels, Map.of("datasource.yaml",
                    "apiVersion: 1\ndatasources:\n- name: VictoriaMetrics\n  type: prometheus\n  url: "
                            + vmsingleUrl + "/\n  access: proxy\n  isDefault: true\n")));
        }
        return r;
    }

    /**
     * vmagent with its remote-write queue: the operator mounts {@code persistent-queue-data} (emptyDir unless the
     * values supply a volume of that name, e.g. a hostPath) at /tmp/vmagent-remotewrite-data; values may move the
     * queue with {@code remoteWrite.tmpDataPath} onto their own mount.
     */
    private dev.homelab.console.sandbox.cluster.WorkloadSpec vmagent(ChartContext ctx, String full,
                                                                      String vmsingleUrl) {
        Values v = ctx.values();
        Map<String, Object> extraArgs = v.map("vmagent.spec.extraArgs");
        String tmpDataPath = String.valueOf(extraArgs.getOrDefault("remoteWrite.tmpDataPath",
                v.string("vmagent.spec.remoteWriteSettings.tmpDataPath", "/tmp/vmagent-remotewrite-data")));
        List<String> args = new ArrayList<>(List.of("-remoteWrite.url=" + vmsingleUrl + "/api/v1/write",
                "-remoteWrite.tmpDataPath=" + tmpDataPath,
                "-promscrape.config=/etc/vmagent/config_out/vmagent.env.yaml",
                "-promscrape.scrapeInterval=" + v.string("vmagent.spec.scrapeInterval", "20s")));
        extraArgs.forEach((k, val) -> {
            if (!k.equals("remoteWrite.tmpDataPath")) {
                args.add("-" + k + "=" + val);
            }
        });
        Workloads w = Workloads.deployment("vmagent-" + full, "vmagent").byOperator()
                .selector("app.kubernetes.io/name", "vmagent").selector("app.kubernetes.io/instance", full)
                .selector("managed-by", "vm-operator")
                .container("vmagent", "victoriametrics/vmagent:" + VM_VERSION, args, "http:8429")
                .container("config-reloader", "victoriametrics/operator:config-reloader-v0.74.1", List.of())
                .service("vmagent-" + full, "vmagent", "http:8429");
        Object pinned = v.map("vmagent.spec.nodeSelector").get("kubernetes.io/hostname");
        if (pinned != null) {
            w.pinnedTo(pinned.toString());
        }
        boolean userQueueVolume = false;
        for (Object item : v.list("vmagent.spec.volumes")) {
            if (item instanceof Map<?, ?> volume) {
                Volume converted = dev.homelab.console.util.Json.JSON.convertValue(volume, Volume.class);
                if (ctx.faults().vmagentBufferEmptyDir() && converted.getHostPath() != null) {
                    converted = new VolumeBuilder().withName(converted.getName()).withNewEmptyDir().endEmptyDir()
                            .build();
                }
                userQueueVolume |= "persistent-queue-data".equals(converted.getName());
                w.volume(converted);
            }
        }
        if (!userQueueVolume) {
            w.volume(new VolumeBuilder().withName("persistent-queue-data").withNewEmptyDir().endEmptyDir().build());
        }
        return w.build();
    }

    private static Map<String, Object> alertmanagerConfig(Values v) {
        Map<String, Object> config = v.map("alertmanager.config");
        if (!config.isEmpty()) {
            return config;
        }
        return Map.of("route", Map.of("receiver", "blackhole"), "receivers", List.of(Map.of("name", "blackhole")));
    }

    static List<io.fabric8.kubernetes.api.model.HasMetadata> vmCrds() {
        List<io.fabric8.kubernetes.api.model.HasMetadata> crds = new ArrayList<>();
        for (String kind : List.of("VMSingle", "VMAgent", "VMAlert", "VMAlertmanager", "VMAlertmanagerConfig",
                "VMRule", "VMServiceScrape", "VMPodScrape", "VMNodeScrape", "VMProbe", "VMStaticScrape",
                "VMScrapeConfig", "VMUser", "VMAuth", "VMCluster")) {
            crds.add(Objects.crd(GROUP, kind, kind.toLowerCase() + "s", "v1beta1"));
        }
        return crds;
    }
}
