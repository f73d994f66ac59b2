package dev.homelab.console.sandbox.charts;

import dev.homelab.console.sandbox.cluster.Workloads;

import java.util.List;
import java.util.Map;

/** grafana: a Deployment with the dashboard/datasource sidecars, its Service (:80 -> 3000) and admin Secret. */
public final class GrafanaChart implements Chart {

    @Override
    public String name() {
        return "grafana";
    }

    @Override
    public String latestVersion() {
        return "10.1.4";
    }

    @Override
    public String appVersion() {
        return "12.2.1";
    }

    @Override
    public String repositoryUrl() {
        return "https://grafana-community.github.io/helm-charts";
    }

    @Override
    public Rendering render(ChartContext ctx) {
        Values v = ctx.values();
        String release = ctx.releaseName();
        String full = ctx.fullname(name());
        Map<String, String> labels = Map.of("app.kubernetes.io/name", name(), "app.kubernetes.io/instance", release);
        Rendering r = new Rendering();
        r.object(Objects.secret(full, labels, Map.of("admin-user", v.string("adminUser", "admin"),
                "admin-password", v.string("adminPassword", "sandbox-grafana-admin"), "ldap-toml", "")));
        r.object(Objects.configMap(full, labels, Map.of("grafana.ini",
                "[analytics]\ncheck_for_updates = true\n[log]\nmode = console\n[paths]\ndata = /var/lib/grafana/\n")));
        if (v.bool("persistence.enabled", false)) {
            r.object(Objects.pvc(full, labels, v.string("persistence.storageClassName", "local-path"),
                    v.string("persistence.size", "10Gi")));
        }
        Workloads w = Workloads.deployment(full, "grafana")
                .selector("app.kubernetes.io/name", name()).selector("app.kubernetes.io/instance", release);
        if (v.bool("sidecar.dashboards.enabled", true)) {
            w.container("grafana-sc-dashboard", "quay.io/kiwigrid/k8s-sidecar:1.30.9",
                    List.of("--label=" + v.string("sidecar.dashboards.label", "grafana_dashboard")));
        }
        if (v.bool("sidecar.datasources.enabled", true)) {
            w.container("grafana-sc-datasources", "quay.io/kiwigrid/k8s-sidecar:1.30.9",
                    List.of("--label=" + v.string("sidecar.datasources.label", "grafana_datasource")));
        }
        w.container("grafana", "docker.io/grafana/grafana:" + appVersion(), List.of(), "grafana:3000")
                .service(full, "grafana", "service:80:3000");
        r.workload(w.build());
        return r;
    }
}
