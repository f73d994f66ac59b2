package dev.homelab.console.sandbox.charts;

import dev.homelab.console.sandbox.cluster.Workloads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** minio (standalone mode): a Deployment, the S3 Service :9000 and the console :9001, root credentials Secret. */
public final class MinioChart implements Chart {

    @Override
    public String name() {
        return "minio";
    }

    @Override
    public String latestVersion() {
        return "5.4.0";
    }

    @Override
    public String appVersion() {
        return "RELEASE.2024-12-18T13-15-44Z";
    }

    @Override
    public String repositoryUrl() {
        return "https://charts.min.io/";
    }

    @Override
    public Rendering render(ChartContext ctx) {
        Values v = ctx.values();
        String release = ctx.releaseName();
        String full = ctx.fullname(name());
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", name());
        labels.put("chart", name() + "-" + ctx.release().version());
        labels.put("release", release);
        labels.put("heritage", "Helm");
        Rendering r = new Rendering();
        r.object(Objects.secret(full, labels, Map.of("rootUser", ctx.minio().accessKey(),
                "rootPassword", ctx.minio().secretKey())));
        if (v.bool("persistence.enabled", true)) {
            r.object(Objects.pvc(full, labels, v.string("persistence.storageClass", "local-path"),
                    v.string("persistence.size", "500Gi")));
        }
        r.workload(Workloads.deployment(full, "minio").selector("app", name()).selector("release", release)
                .label("chart", name() + "-" + ctx.release().version()).label("heritage", "Helm")
                .container("minio", "quay.io/minio/minio:" + appVersion(),
                        List.of("/bin/sh", "-ce", "/usr/bin/docker-entrypoint.sh minio server /export -S "
                                + "/etc/minio/certs/ --address :9000 --console-address :9001"),
                        "http:9000", "http-console:9001")
                .service(full, "minio", "http:9000")
                .service(full + "-console", null, "http:9001").build());
        return r;
    }
}
