package dev.homelab.console.sandbox;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What reached the sandbox's API server, counted at the server (the mock records every request it answers). Only
 * requests whose User-Agent contains {@code agent} are kept, so the simulation's own client is left out.
 */
public final class ApiRequestLog {

    private static final Pattern NAMESPACE = Pattern.compile("/namespaces/[^/]+(?=/)");

    private final KubernetesMockServer server;
    private final String agent;

    private ApiRequestLog(KubernetesMockServer server, String agent) {
        this.server = server;
        this.agent = agent;
    }

    public static ApiRequestLog of(SandboxLab lab, String agent) {
        return new ApiRequestLog(((RunningLab) lab.lifecycle()).server(), agent);
    }

    /** Takes everything recorded so far; the requests of other clients are dropped. */
    public List<RecordedRequest> drain() throws InterruptedException {
        List<RecordedRequest> mine = new ArrayList<>();
        RecordedRequest request;
        while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            String userAgent = request.getHeader("User-Agent");
            if (userAgent != null && userAgent.contains(agent)) {
                mine.add(request);
            }
        }
        return mine;
    }

    /** Count per "VERB path-class", e.g. "GET /apis/metrics.k8s.io/v1beta1/pods" or "WATCH /api/v1/pods". */
    public static Map<String, Integer> byClass(List<RecordedRequest> requests) {
        Map<String, Integer> counts = new TreeMap<>();
        requests.forEach(r -> counts.merge(pathClass(r), 1, Integer::sum));
        return counts;
    }

    static String pathClass(RecordedRequest request) {
        String path = request.getPath();
        int start = path.indexOf('?');
        String query = start < 0 ? "" : path.substring(start);
        String bare = NAMESPACE.matcher(start < 0 ? path : path.substring(0, start)).replaceAll("/namespaces/{ns}");
        String verb = query.contains("watch=true") || query.contains("watch=1") ? "WATCH" : request.getMethod();
        String labels = query.contains("labelSelector") ? " ?labelSelector" : "";
        return verb + " " + bare + labels;
    }
}
