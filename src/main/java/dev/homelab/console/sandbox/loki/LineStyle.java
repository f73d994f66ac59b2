package dev.homelab.console.sandbox.loki;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * How the programs of a home lab write their logs — CoreDNS's bracket tags, Traefik's JSON access log, klog headers,
 * Go logfmt, VictoriaMetrics' tab-separated lines, Vector's, k3s's logrus lines, the kernel — with a realistic share of
 * warnings and errors, so level detection, JSON prettifying and search have something true to work on.
 */
enum LineStyle {
    COREDNS(20), TRAEFIK(24), KLOG(4), LOGFMT(8), VICTORIA(5), VECTOR(8), GRAFANA(5), JSON_APP(6), K3S(15),
    K3S_AGENT(8), KERNEL(1);

    private static final DateTimeFormatter KLOG_TIME = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);
    private static final String[] HOSTS = {"grafana.monitoring.svc.cluster.local.", "loki-gateway.monitoring.svc."
            + "cluster.local.", "api.pushover.net.", "registry-1.docker.io.", "github.com.", "minio.minio.svc.cluster"
            + ".local.", "vmsingle-vm.monitoring.svc.cluster.local."};
    private static final String[] PATHS = {"/api/health", "/api/datasources/proxy/uid/loki/loki/api/v1/query_range",
            "/d/rpi-nodes/raspberry-pi-nodes", "/metrics", "/api/v1/query", "/login", "/public/build/app.js"};

    /** Lines per minute, roughly, for one stream of this style. */
    final int perMinute;

    LineStyle(int perMinute) {
        this.perMinute = perMinute;
    }

    static LineStyle forContainer(String container, String app) {
        String name = (app == null ? "" : app + " ") + container;
        name = name.toLowerCase(Locale.ROOT);
        if (name.contains("coredns")) {
            return COREDNS;
        }
        if (name.contains("traefik")) {
            return TRAEFIK;
        }
        if (name.contains("vector")) {
            return VECTOR;
        }
        if (name.contains("grafana") && !name.contains("alloy")) {
            return GRAFANA;
        }
        if (name.contains("vm") || name.contains("victoria")) {
            return VICTORIA;
        }
        if (name.contains("metrics-server") || name.contains("kube-state") || name.contains("local-path")
                || name.contains("operator") || name.contains("svclb")) {
            return KLOG;
        }
        if (name.contains("minio") || name.contains("app")) {
            return JSON_APP;
        }
        return LOGFMT;
    }

    String line(SplittableRandom r, long nanos, String node, String component) {
        Instant at = Instant.ofEpochSecond(0, nanos);
        int roll = r.nextInt(1000);
        return switch (this) {
            case COREDNS -> roll < 12 ? "[ERROR] plugin/errors: 2 " + pick(r, HOSTS) + " AAAA: read udp 10.42.0."
                    + r.nextInt(2, 250) + ":" + r.nextInt(30000, 60000) + "->1.1.1.1:53: i/o timeout"
                    : roll < 30 ? "[WARNING] No files matching import glob pattern: /etc/coredns/custom/*.override"
                    : "[INFO] 10.42." + r.nextInt(0, 4) + "." + r.nextInt(2, 250) + ":" + r.nextInt(30000, 60000)
                    + " - " + r.nextInt(1, 65535) + " \"" + (r.nextBoolean() ? "A" : "AAAA") + " IN "
                    + pick(r, HOSTS) + " udp " + r.nextInt(40, 90) + " false 512\" NOERROR qr,aa,rd "
                    + r.nextInt(60, 200) + " 0.000" + r.nextInt(100, 999) + "s";
            case TRAEFIK -> {
                int status = roll < 15 ? 502 : roll < 60 ? 404 : roll < 90 ? 304 : 200;
                yield "{\"ClientHost\":\"192.168.1." + r.nextInt(2, 250) + "\",\"DownstreamStatus\":" + status
                        + ",\"Duration\":" + r.nextInt(200_000, 90_000_000) + ",\"RequestMethod\":\""
                        + (roll % 7 == 0 ? "POST" : "GET") + "\",\"RequestPath\":\"" + pick(r, PATHS)
                        + "\",\"RouterName\":\"monitoring-grafana@kubernetescrd\",\"level\":\""
                        + (status >= 500 ? "error" : status >= 400 ? "warning" : "info")
                        + "\",\"msg\":\"\",\"time\":\"" + at + "\"}";
            }
            case KLOG -> (roll < 10 ? "E" : roll < 40 ? "W" : "I") + KLOG_TIME.format(at) + "       1 "
                    + (roll < 10 ? "reflector.go:561] failed to list *v1.Pod: context deadline exceeded"
                    : roll < 40 ? "warnings.go:70] v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 "
                    + "EndpointSlice"
                    : "scraper.go:149] \"Scraped node\" node=\"" + node + "\" duration=\"" + r.nextInt(5, 90) + "ms\"");
            case LOGFMT -> "ts=" + at + " caller=" + component + ".go:" + r.nextInt(40, 900) + " level="
                    + (roll < 8 ? "error" : roll < 40 ? "warn" : roll < 120 ? "debug" : "info") + " component="
                    + component + " msg=\"" + (roll < 8 ? "request failed\" err=\"context deadline exceeded\""
                    : roll < 40 ? "slow request\" duration=" + r.nextInt(1, 9) + "." + r.nextInt(10, 99) + "s"
                    : roll < 120 ? "tick\" queue_length=" + r.nextInt(0, 40)
                    : "completed\" duration=" + r.nextInt(1, 900) + "ms");
            case VICTORIA -> at.toString().substring(0, 23) + "Z\t" + (roll < 10 ? "error" : roll < 40 ? "warn"
                    : "info") + "\tVictoriaMetrics/lib/" + (roll < 10
                    ? "promscrape/scrapework.go:389\tcannot scrape target \"http://" + node + ":9100/metrics\": "
                    + "context deadline exceeded"
                    : roll < 40 ? "storage/partition.go:1021\tthe number of unmerged parts is high; flushing"
                    : "promscrape/scraper.go:453\tstatic_configs: added targets: 0, removed targets: 0; total "
                    + "targets: " + r.nextInt(10, 30));
            case VECTOR -> at.toString().substring(0, 26) + "Z " + (roll < 15 ? " WARN vector::sinks::util::retries:"
                    + " Retrying after error. error=Server responded with an error: 429 Too Many Requests"
                    : roll < 60 ? "DEBUG vector::internal_events::kubernetes_logs: Received one event. "
                    + "file=/var/log/pods/kube-system_coredns/coredns/0.log"
                    : " INFO vector::topology::builder: Healthcheck passed.");
            case GRAFANA -> "logger=" + (roll < 200 ? "context" : "cleanup") + " userId=" + r.nextInt(0, 3)
                    + " t=" + at + " level=" + (roll < 10 ? "error" : roll < 30 ? "warn" : "info") + " msg=\""
                    + (roll < 10 ? "Request error\" error=\"context canceled\"" : roll < 200
                    ? "Request Completed\" method=GET path=" + pick(r, PATHS) + " status=200 duration="
                    + r.nextInt(1, 400) + "ms" : "Completed cleanup jobs\" duration=" + r.nextInt(2, 40) + "ms");
            case JSON_APP -> "{\"level\":\"" + (roll < 10 ? "ERROR" : roll < 50 ? "WARNING" : "INFO")
                    + "\",\"time\":\"" + at + "\",\"message\":\"" + (roll < 10 ? "Storage resources are insufficient"
                    + " for the write operation" : roll < 50 ? "Scanner is slower than expected" : "request served")
                    + "\",\"api\":{\"name\":\"" + (roll % 2 == 0 ? "PutObject" : "GetObject")
                    + "\",\"bucket\":\"loki-chunks\",\"statusCode\":" + (roll < 10 ? 507 : 200) + "}}";
            case K3S -> "time=\"" + at + "\" level=" + (roll < 8 ? "error" : roll < 40 ? "warning" : "info")
                    + " msg=\"" + (roll < 8 ? "Failed to get node " + node + ": etcdserver: request timed out"
                    : roll < 40 ? "Proxy error: write failed: io: read/write on closed pipe"
                    : "Handling backend connection request [" + node + "]") + "\"";
            case K3S_AGENT -> roll < 300 ? "I" + KLOG_TIME.format(at) + "    " + r.nextInt(900, 2000)
                    + " kubelet.go:2470] \"SyncLoop (PLEG): event for pod\" node=\"" + node + "\""
                    : "time=\"" + at + "\" level=" + (roll < 330 ? "warning" : "info") + " msg=\""
                    + (roll < 330 ? "Unable to watch for tunnel endpoints: connection refused"
                    : "Connecting to proxy\" url=\"wss://192.168.1.10:6443/v1-k3s/connect\"");
            case KERNEL -> roll < 30 ? "hwmon hwmon1: Undervoltage detected!"
                    : roll < 60 ? "cpu cpu0: dev_pm_opp_set_rate: failed to find current OPP for freq 18446744073709551604"
                    : "eth0: Link is Up - 1Gbps/Full - flow control rx/tx";
        };
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }
}
