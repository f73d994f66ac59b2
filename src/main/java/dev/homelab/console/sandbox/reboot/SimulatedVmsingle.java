package dev.homelab.console.sandbox.reboot;

import dev.homelab.console.sandbox.SimulatedService;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * vmsingle of the reboot model: raw samples through {@code /api/v1/export} (JSON lines), {@code up} through
 * {@code /api/v1/query}, and 503 while its node is down. Range queries answer an empty matrix (the model holds no
 * Vector metrics, so the logs-buffer claim stays "could not verify").
 */
public final class SimulatedVmsingle implements SimulatedService {

    private final ScrapePipelineModel model;

    public SimulatedVmsingle(ScrapePipelineModel model) {
        this.model = model;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        if (!model.storageUp()) {
            return new MockResponse.Builder().code(503).body("vmsingle's node is down").build();
        }
        HttpUrl url = request.getUrl();
        String path = url.encodedPath();
        String form = request.getBody() == null ? "" : request.getBody().utf8();
        HttpUrl params = HttpUrl.get("http://x/?" + form);
        return switch (path) {
            case "/health" -> new MockResponse.Builder().body("OK").build();
            case "/api/v1/export" -> export(url);
            case "/api/v1/query" -> query(params.queryParameter("query"));
            case "/api/v1/query_range" -> json("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
            default -> new MockResponse.Builder().code(404).body("unsupported path " + path).build();
        };
    }

    private MockResponse export(HttpUrl url) {
        String match = url.queryParameter("match[]");
        if (!"up".equals(match)) {
            return new MockResponse.Builder().body("").build();
        }
        Instant start = Instant.ofEpochMilli((long) (Double.parseDouble(url.queryParameter("start")) * 1000));
        Instant end = Instant.ofEpochMilli((long) (Double.parseDouble(url.queryParameter("end")) * 1000));
        StringBuilder lines = new StringBuilder();
        for (String node : model.nodes()) {
            List<ScrapePipelineModel.Point> points = model.samples(node, start, end);
            if (points.isEmpty()) {
                continue;
            }
            lines.append("{\"metric\":").append(labels(node)).append(",\"values\":[");
            lines.append(String.join(",", points.stream().map(p -> p.value() == 0 ? "0" : "1").toList()));
            lines.append("],\"timestamps\":[");
            lines.append(String.join(",", points.stream().map(p -> Long.toString(p.timestampMillis())).toList()));
            lines.append("]}\n");
        }
        return new MockResponse.Builder().body(lines.toString()).build();
    }

    private MockResponse query(String query) {
        if (!"up".equals(query)) {
            return json("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        }
        Instant now = Instant.now();
        StringBuilder result = new StringBuilder();
        for (String node : model.nodes()) {
            List<ScrapePipelineModel.Point> points = model.samples(node, now.minusSeconds(300), now);
            if (points.isEmpty()) {
                continue;
            }
            ScrapePipelineModel.Point last = points.get(points.size() - 1);
            if (!result.isEmpty()) {
                result.append(',');
            }
            result.append("{\"metric\":").append(labels(node)).append(",\"value\":[")
                    .append(String.format(Locale.ROOT, "%.3f", now.toEpochMilli() / 1000.0)).append(",\"")
                    .append(last.value() == 0 ? "0" : "1").append("\"]}");
        }
        return json("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + result + "]}}");
    }

    private String labels(String node) {
        return "{\"__name__\":\"up\",\"job\":\"node-exporter\",\"instance\":\"" + model.address(node)
                + ":9100\",\"node\":\"" + node + "\"}";
    }

    private static MockResponse json(String body) {
        return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
    }
}
