package dev.homelab.console.sandbox.charts;

import dev.homelab.console.sandbox.cluster.Workloads;

import java.util.List;
import java.util.Map;

/** grafana/alloy: a DaemonSet (alloy + config-reloader), its Service and config, and the PodLogs CRD it ships. */
public final class AlloyChart implements Chart {

    @Override
    public String name() {
        return "alloy";
    }

    @Override
    public String latestVersion() {
        return "1.4.0";
    }

    @Override
    public String appVersion() {
        return "v1.11.3";
    }

    @Override
    public String repositoryUrl() {
        return "https://grafana.github.io/helm-charts";
    }

    @Override
    public Rendering render(ChartContext ctx) {
        String release = ctx.releaseName();
        String full = ctx.fullname(name());
        Rendering r = new Rendering();
        if (ctx.values().bool("crds.create", true)) {
            r.crd(Objects.crd("monitoring.grafana.com", "PodLogs", "podlogs", "v1alpha2"));
        }
        r.object(Objects.configMap(full, Map.of("app.kubernetes.io/name", name(),
                        "app.kubernetes.io/instance", release, "app.kubernetes.io/component", "config"),
                Map.of("config.alloy", ctx.values().string("alloy.configMap.content", DEFAULT_CONFIG))));
        r.workload(Workloads.daemonSet(full, "alloy")
                .selector("app.kubernetes.io/name", name()).selector("app.kubernetes.io/instance", release)
                .label("app.kubernetes.io/part-of", name())
                .container("alloy", "docker.io/grafana/alloy:" + appVersion(),
                        List.of("run", "/etc/alloy/config.alloy", "--storage.path=/tmp/alloy",
                                "--server.http.listen-addr=0.0.0.0:12345", "--stability.level=generally-available"),
                        "http-metrics:12345")
                .container("config-reloader", "quay.io/prometheus-operator/prometheus-config-reloader:v0.81.0",
                        List.of("--watched-dir=/etc/alloy", "--reload-url=http://localhost:12345/-/reload"))
                .service(full, null, "http-metrics:12345").build());
        return r;
    }

    private static final String DEFAULT_CONFIG = """
            discovery.kubernetes "pods" {
              role = "pod"
            }
            loki.source.kubernetes "pods" {
              targets    = discovery.kubernetes.pods.targets
              forward_to = [loki.write.default.receiver]
            }
            loki.write "default" {
              endpoint {
                url = "http://loki-gateway.loki.svc.cluster.local/loki/api/v1/push"
              }
            }
            """;
}
