package dev.homelab.console.stack.vm;

import dev.homelab.console.util.Json;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The OpenAPI v3 schemas of the VictoriaMetrics operator's CRDs, and a validator for the subset of OpenAPI that
 * structural CRD schemas use (type, properties, additionalProperties, items, enum, anyOf, int-or-string,
 * preserve-unknown-fields). Used to check the {@code *.spec} subtrees of our values, which the chart copies verbatim
 * into the VMSingle / VMAgent / VMAlert / VMAlertmanager / VMNodeScrape objects.
 */
public final class CrdSchemas {

    private final Map<String, JsonNode> specByKind;

    private CrdSchemas(Map<String, JsonNode> specByKind) {
        this.specByKind = specByKind;
    }

    /** Reads a multi-document CRD bundle such as the operator chart's {@code crds/crd.yaml}. */
    public static CrdSchemas load(Path crdBundle) {
        Map<String, JsonNode> byKind = new HashMap<>();
        try (var documents = Json.YAML.readValues(Json.YAML.createParser(Files.newBufferedReader(crdBundle)),
                JsonNode.class)) {
            while (documents.hasNextValue()) {
                JsonNode crd = documents.nextValue();
                if (crd == null || !"CustomResourceDefinition".equals(crd.path("kind").asString(""))) {
                    continue;
                }
                String kind = crd.path("spec").path("names").path("kind").asString("");
                JsonNode version = crd.path("spec").path("versions").path(0);
                JsonNode spec = version.path("schema").path("openAPIV3Schema").path("properties").path("spec");
                if (!kind.isEmpty() && !spec.isMissingNode()) {
                    byKind.put(kind, spec);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read CRD bundle " + crdBundle + ": " + e.getMessage(), e);
        }
        return new CrdSchemas(byKind);
    }

    public boolean knows(String kind) {
        return specByKind.containsKey(kind);
    }

    /** Reports every problem of {@code spec} against the kind's spec schema to {@code problems(path, message)}. */
    public void validateSpec(String kind, Object spec, String path, BiConsumer<String, String> problems) {
        JsonNode schema = specByKind.get(kind);
        if (schema == null) {
            problems.accept(path, "no CRD schema for kind " + kind + " in the bundle");
            return;
        }
        validate(schema, spec, path, problems);
    }

    private void validate(JsonNode schema, Object value, String path, BiConsumer<String, String> problems) {
        if (value == null) {
            return;
        }
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!(value instanceof Number || value instanceof String)) {
                problems.accept(path, "expected an integer or a string, got " + describe(value));
            }
            return;
        }
        if (schema.has("anyOf")) {
            for (JsonNode option : schema.get("anyOf")) {
                if (typeMatches(option.path("type").asString(""), value)) {
                    return;
                }
            }
            problems.accept(path, "matches none of " + schema.get("anyOf") + ": " + describe(value));
            return;
        }
        String type = schema.path("type").asString("");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (type.isEmpty()) {
            if (!preserve && schema.has("properties")) {
                type = "object";
            } else {
                return;
            }
        }
        if (!typeMatches(type, value)) {
            problems.accept(path, "expected " + type + ", got " + describe(value));
            return;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode allowed : schema.get("enum")) {
                listed |= allowed.asString("").equals(String.valueOf(value));
            }
            if (!listed) {
                problems.accept(path, "'" + value + "' is not one of " + schema.get("enum"));
            }
        }
        if (value instanceof Map<?, ?> map) {
            validateObject(schema, map, path, preserve, problems);
        } else if (value instanceof List<?> list) {
            JsonNode items = schema.path("items");
            for (int i = 0; i < list.size(); i++) {
                if (!items.isMissingNode()) {
                    validate(items, list.get(i), path + "[" + i + "]", problems);
                }
            }
        }
    }

    private void validateObject(JsonNode schema, Map<?, ?> map, String path, boolean preserve,
                                BiConsumer<String, String> problems) {
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String key = String.valueOf(entry.getKey());
            String child = path + "." + key;
            if (properties.has(key)) {
                validate(properties.get(key), entry.getValue(), child, problems);
            } else if (additional.isObject()) {
                validate(additional, entry.getValue(), child, problems);
            } else if (!preserve && !additional.asBoolean(false)) {
                problems.accept(child, "unknown field (not in the CRD schema)");
            }
        }
    }

    private static boolean typeMatches(String type, Object value) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "integer" -> value instanceof Integer || value instanceof Long;
            case "number" -> value instanceof Number;
            default -> true;
        };
    }

    static String describe(Object value) {
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value.getClass().getSimpleName() + " '" + value + "'";
    }
}
