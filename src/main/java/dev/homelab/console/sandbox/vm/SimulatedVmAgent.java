package dev.homelab.console.sandbox.vm;

import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * vmagent (port 8429): {@code /api/v1/targets} with a kubelet (+cadvisor) and a node-exporter target per node,
 * healthy unless the node is down, and {@code /metrics} with the remote-write queue gauges and counters the
 * reboot test and the docs name ({@code vmagent_remotewrite_pending_data_bytes}, {@code vm_persistentqueue_*}).
 */
public final class SimulatedVmAgent implements SimulatedService {

    private final VmLab lab;

    public SimulatedVmAgent(SandboxWorld world) {
        this.lab = VmLab.of(world);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        return switch (request.getUrl().encodedPath()) {
            case "/api/v1/targets" -> targets();
            case "/metrics" -> SimHttp.text(200, metrics());
            case "/ready", "/health" -> SimHttp.text(200, "OK");
            default -> SimHttp.notFound(request);
        };
    }

    private MockResponse targets() {
        ScrapeModel model = lab.model();
        Instant now = model.now();
        Instant lastScrape = ScrapeModel.align(now.minus(model.interval()), model.interval());
        List<Object> active = new ArrayList<>();
        for (ScrapeModel.Target target : model.targets()) {
            boolean down = model.nodeIsDown(target.node(), now);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("discoveredLabels", Map.of("__address__", target.address(), "__metrics_path__", target.path(),
                    "__meta_kubernetes_node_name", target.node(), "__scheme__",
                    target.job().equals("kubelet") ? "https" : "http"));
            t.put("labels", target.labels());
            t.put("scrapePool", target.job().equals("kubelet") ? "nodeScrape/monitoring/" + fullname() + "-kubelet/0"
                    : "serviceScrape/monitoring/" + fullname() + "-prometheus-node-exporter/0");
            t.put("scrapeUrl", (target.job().equals("kubelet") ? "https://" : "http://") + target.address()
                    + target.path());
            t.put("lastError", down ? "cannot scrape \"" + t.get("scrapeUrl") + "\": dial tcp " + target.address()
                    + ": connect: no route to host" : "");
            t.put("lastScrape", lastScrape.toString());
            t.put("lastScrapeDuration", down ? 3.0 : 0.012);
            t.put("lastSamplesScraped", down ? 0 : 812);
            t.put("health", down ? "down" : "up");
            active.add(t);
        }
        return SimHttp.json(200, Map.of("status", "success", "data", Map.of("activeTargets", active,
                "droppedTargets", List.of())));
    }

    private String fullname() {
        return lab.release().map(r -> r.name()).orElse("vmks");
    }

    private String metrics() {
        ScrapeModel model = lab.model();
        String path = lab.bufferIsEmptyDir() ? "/tmp/vmagent-remotewrite-data/persistent-queue/1_A6D5E1B2C3"
                : "/var/lib/vmagent-data/persistent-queue/1_A6D5E1B2C3";
        String url = "1:secret-url";
        long pending = model.pendingBytes();
        long dropped = model.droppedBytes();
        Instant now = model.now();
        long down = model.targets().stream().filter(t -> model.nodeIsDown(t.node(), now)).count();
        return "vmagent_remotewrite_pending_data_bytes{path=\"" + path + "\",url=\"" + url + "\"} " + pending + "\n"
                + "vm_persistentqueue_bytes_pending{path=\"" + path + "\"} " + pending + "\n"
                + "vm_persistentqueue_bytes_dropped_total{path=\"" + path + "\"} " + dropped + "\n"
                + "vm_persistentqueue_free_disk_space_bytes{path=\"" + path + "\"} 2.1e+10\n"
                + "vmagent_remotewrite_packets_dropped_total{url=\"" + url + "\"} 0\n"
                + "vmagent_remotewrite_blocks_sent_total{url=\"" + url + "\"} " + model.scrapesSoFar() + "\n"
                + "vmagent_remotewrite_bytes_sent_total{url=\"" + url + "\"} "
                + model.scrapesSoFar() * ScrapeModel.BYTES_PER_SAMPLE * 800 + "\n"
                + "vmagent_remotewrite_retries_count_total{url=\"" + url + "\"} "
                + (model.storageIsDown(now) ? pending / ScrapeModel.BYTES_PER_SAMPLE : 0) + "\n"
                + "vm_promscrape_targets{type=\"kubernetes_sd_configs\",status=\"up\"} " + (model.targets().size() - down)
                + "\n" + "vm_promscrape_targets{type=\"kubernetes_sd_configs\",status=\"down\"} " + down + "\n";
    }
}
