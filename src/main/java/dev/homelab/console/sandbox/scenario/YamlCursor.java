package dev.homelab.console.sandbox.scenario;

import io.fabric8.kubernetes.api.model.Quantity;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a composed YAML node tree and reports every problem with the file, line and column of the offending node,
 * so a scenario author sees "default.yaml:12:7: nodes[1].memory: '8 gigs' is not a quantity (e.g. 8Gi)".
 */
final class YamlCursor {

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private final String file;
    private final String path;
    private final Node node;

    YamlCursor(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    ScenarioException error(String problem) {
        return new ScenarioException(position() + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    String position() {
        return node.getStartMark()
                .map(m -> file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1))
                .orElse(file);
    }

    boolean isMapping() {
        return node instanceof MappingNode;
    }

    /** Fails on keys this mapping may not have (typos are the most common scenario mistake). */
    YamlCursor allowOnly(String... keys) {
        List<String> allowed = Arrays.asList(keys);
        for (NodeTuple tuple : mapping().getValue()) {
            String key = scalarText(tuple.getKeyNode());
            if (!allowed.contains(key)) {
                throw new YamlCursor(file, child(key), tuple.getKeyNode())
                        .error("unknown field '" + key + "'; expected one of " + String.join(", ", allowed));
            }
        }
        return this;
    }

    Optional<YamlCursor> field(String key) {
        for (NodeTuple tuple : mapping().getValue()) {
            if (key.equals(scalarText(tuple.getKeyNode()))) {
                Node value = tuple.getValueNode();
                if (value instanceof ScalarNode s && s.getTag().equals(Tag.NULL)) {
                    return Optional.empty();
                }
                return Optional.of(new YamlCursor(file, child(key), value));
            }
        }
        return Optional.empty();
    }

    YamlCursor required(String key) {
        return field(key).orElseThrow(() -> error("missing required field '" + key + "'"));
    }

    String string(String key) {
        return required(key).text();
    }

    String string(String key, String fallback) {
        return field(key).map(YamlCursor::text).orElse(fallback);
    }

    boolean bool(String key, boolean fallback) {
        return field(key).map(YamlCursor::bool).orElse(fallback);
    }

    int integer(String key, int fallback) {
        return field(key).map(c -> {
            try {
                return Integer.parseInt(c.text());
            } catch (NumberFormatException e) {
                throw c.error("'" + c.text() + "' is not a whole number");
            }
        }).orElse(fallback);
    }

    Duration duration(String key, Duration fallback) {
        return field(key).map(YamlCursor::duration).orElse(fallback);
    }

    long bytes(String key, long fallback) {
        return field(key).map(YamlCursor::bytes).orElse(fallback);
    }

    List<YamlCursor> list(String key) {
        return field(key).map(YamlCursor::items).orElse(List.of());
    }

    List<YamlCursor> items() {
        if (!(node instanceof SequenceNode sequence)) {
            throw error("expected a list");
        }
        List<YamlCursor> items = new ArrayList<>();
        List<Node> values = sequence.getValue();
        for (int i = 0; i < values.size(); i++) {
            items.add(new YamlCursor(file, path + "[" + i + "]", values.get(i)));
        }
        return items;
    }

    String text() {
        if (!(node instanceof ScalarNode scalar)) {
            throw error("expected a single value, found a " + (node instanceof MappingNode ? "mapping" : "list"));
        }
        return scalar.getValue();
    }

    boolean bool() {
        String text = text();
        if ("true".equals(text) || "false".equals(text)) {
            return Boolean.parseBoolean(text);
        }
        throw error("'" + text + "' is not true or false");
    }

    Duration duration() {
        String text = text().trim();
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw error("'" + text + "' is not a duration (e.g. 500ms, 15s, 2m, 1h)");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1000;
            case "m" -> amount * 60_000;
            default -> amount * 3_600_000;
        };
        return Duration.ofMillis((long) millis);
    }

    long bytes() {
        String text = text().trim();
        try {
            BigDecimal amount = Quantity.getAmountInBytes(new Quantity(text));
            if (amount.signum() <= 0) {
                throw error("'" + text + "' must be larger than zero");
            }
            return amount.longValueExact();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw error("'" + text + "' is not a quantity (e.g. 8Gi, 512Mi)");
        }
    }

    /** The node as plain Java values (Map, List, String, Long, Double, Boolean, null), like Helm values. */
    Object plain() {
        if (node instanceof MappingNode m) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : m.getValue()) {
                String key = scalarText(tuple.getKeyNode());
                map.put(key, new YamlCursor(file, child(key), tuple.getValueNode()).plain());
            }
            return map;
        }
        if (node instanceof SequenceNode) {
            return items().stream().map(YamlCursor::plain).toList();
        }
        ScalarNode scalar = (ScalarNode) node;
        String value = scalar.getValue();
        Tag tag = scalar.getTag();
        if (tag.equals(Tag.NULL)) {
            return null;
        }
        if (tag.equals(Tag.BOOL)) {
            return Boolean.parseBoolean(value.toLowerCase());
        }
        if (tag.equals(Tag.INT)) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                return value;
            }
        }
        if (tag.equals(Tag.FLOAT)) {
            try {
                return Double.parseDouble(value);
            } catch (NumberFormatException e) {
                return value;
            }
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> plainMap() {
        if (!isMapping()) {
            throw error("expected a mapping");
        }
        return (Map<String, Object>) plain();
    }

    private MappingNode mapping() {
        if (!(node instanceof MappingNode mapping)) {
            throw error("expected a mapping of fields");
        }
        return mapping;
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String scalarText(Node keyNode) {
        if (keyNode instanceof ScalarNode s) {
            return s.getValue();
        }
        throw new YamlCursor(file, path, keyNode).error("keys must be plain names");
    }
}
