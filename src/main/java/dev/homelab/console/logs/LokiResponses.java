package dev.homelab.console.logs;

import dev.homelab.console.util.Json;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON shapes of Loki's HTTP API (§4.6 of the domain brief) into the console's types. */
final class LokiResponses {

    private LokiResponses() {
    }

    static JsonNode read(String body) {
        return Json.JSON.readTree(body);
    }

    /** {@code [{stream:{…}, values:[["<ns>","<line>"],…]}, …]} (query_range streams result and tail messages). */
    static List<LogEntry> streams(JsonNode result, LabelsInterner interner) {
        List<LogEntry> entries = new ArrayList<>();
        for (JsonNode stream : result) {
            StreamLabels labels = interner.intern(labels(stream.path("stream")));
            for (JsonNode value : stream.path("values")) {
                long nanos = Long.parseLong(value.get(0).asString());
                entries.add(LogEntry.fromLoki(nanos, labels, value.get(1).asString()));
            }
        }
        return entries;
    }

    /** {@code [{metric:{…}, values:[[<unix s>,"<v>"],…]}, …]} (a metric query_range). */
    static List<MetricSeries> matrix(JsonNode result) {
        List<MetricSeries> series = new ArrayList<>();
        for (JsonNode item : result) {
            List<MetricSeries.Sample> samples = new ArrayList<>();
            for (JsonNode value : item.path("values")) {
                double seconds = value.get(0).asDouble();
                long millis = Math.round(seconds * 1000);
                samples.add(new MetricSeries.Sample(Instant.ofEpochMilli(millis),
                        Double.parseDouble(value.get(1).asString())));
            }
            series.add(new MetricSeries(labels(item.path("metric")), samples));
        }
        return series;
    }

    /** Tail message {@code dropped_entries:[{labels:{…}, timestamp:"<ns>"}]}. */
    static List<DroppedEntry> dropped(JsonNode message) {
        List<DroppedEntry> dropped = new ArrayList<>();
        for (JsonNode item : message.path("dropped_entries")) {
            dropped.add(new DroppedEntry(StreamLabels.of(labels(item.path("labels"))),
                    Long.parseLong(item.path("timestamp").asString("0"))));
        }
        return dropped;
    }

    static List<String> strings(JsonNode data) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : data) {
            values.add(item.asString());
        }
        return values;
    }

    static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : object.properties()) {
            labels.put(property.getKey(), property.getValue().asString());
        }
        return labels;
    }
}
