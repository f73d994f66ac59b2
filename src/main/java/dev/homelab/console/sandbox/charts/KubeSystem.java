package dev.homelab.console.sandbox.charts;

import dev.homelab.console.sandbox.cluster.WorkloadSpec;
import dev.homelab.console.sandbox.cluster.Workloads;

import java.util.ArrayList;
import java.util.List;

/** What k3s itself deploys into kube-system from its packaged manifests (not Helm releases). */
public final class KubeSystem {

    private KubeSystem() {
    }

    public static List<WorkloadSpec> workloads(boolean metricsServer) {
        List<WorkloadSpec> list = new ArrayList<>();
        list.add(Workloads.deployment("coredns", "coredns").selector("k8s-app", "kube-dns")
                .label("objectset.rio.cattle.io/hash", "bce283298811743a0386ab510f2f67ef74240c57")
                .container("coredns", "rancher/mirrored-coredns-coredns:1.12.1",
                        List.of("-conf", "/etc/coredns/Corefile"), "dns:53", "dns-tcp:53", "metrics:9153")
                .service("kube-dns", null, "dns:53", "dns-tcp:53", "metrics:9153").build());
        list.add(Workloads.deployment("local-path-provisioner", "local-path-provisioner")
                .selector("app", "local-path-provisioner")
                .container("local-path-provisioner", "rancher/local-path-provisioner:v0.0.31",
                        List.of("start", "--config", "/etc/config/config.json")).build());
        if (metricsServer) {
            list.add(Workloads.deployment("metrics-server", "metrics-server").selector("k8s-app", "metrics-server")
                    .container("metrics-server", "rancher/mirrored-metrics-server:v0.8.0",
                            List.of("--cert-dir=/tmp", "--secure-port=10250",
                                    "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
                                    "--kubelet-use-node-status-port", "--metric-resolution=15s"), "https:10250")
                    .service("metrics-server", null, "https:443:10250").build());
        }
        return list;
    }
}
