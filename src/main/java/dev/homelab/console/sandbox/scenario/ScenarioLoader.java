package dev.homelab.console.sandbox.scenario;

import dev.homelab.console.sandbox.scenario.Faults.RbacDenial;
import dev.homelab.console.sandbox.scenario.MinioSpec.BucketSpec;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads scenario files. Every mistake is reported as {@code file:line:column: field: what is wrong}, and unknown
 * fields are errors rather than silently ignored.
 */
public final class ScenarioLoader {

    /** The charts the sandbox knows how to install (what their workloads look like). */
    public static final Set<String> KNOWN_CHARTS = Set.of("kube-prometheus-stack", "alloy", "loki", "grafana", "minio",
            "victoria-metrics-k8s-stack", "vector");

    private ScenarioLoader() {
    }

    /** The built-in home lab. */
    public static Scenario loadDefault() {
        return loadBuiltIn("default");
    }

    /** A scenario shipped with the app, by name ("default", "node-notready", ...). */
    public static Scenario loadBuiltIn(String name) {
        String resource = "/sandbox/scenarios/" + name + ".yaml";
        try (InputStream in = ScenarioLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException("There is no built-in scenario '" + name + "' (looked for " + resource
                        + "); built-in scenarios: " + String.join(", ", builtInNames()));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), name + ".yaml");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read built-in scenario " + resource, e);
        }
    }

    public static List<String> builtInNames() {
        return List.of("default", "no-metrics-server", "node-notready", "rbac-denied", "missing-bucket",
                "lossy-buffer", "loki-community-chart", "loki-down", "migrated");
    }

    public static Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException("Scenario file " + file + " does not exist; pass an existing YAML file "
                    + "(format: docs/sandbox.md) or omit it for the default lab");
        } catch (IOException e) {
            throw new ScenarioException("Cannot read scenario file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    public static Scenario parse(String yaml, String fileName) {
        Node root;
        try {
            root = new Compose(LoadSettings.builder().setLabel(fileName).build()).composeString(yaml)
                    .orElseThrow(() -> new ScenarioException(fileName + ": the file is empty; a scenario needs at "
                            + "least 'name' and 'nodes'"));
        } catch (MarkedYamlEngineException e) {
            String where = e.getProblemMark()
                    .map(m -> fileName + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1)).orElse(fileName);
            throw new ScenarioException(where + ": not valid YAML: " + e.getProblem(), e);
        } catch (YamlEngineException e) {
            throw new ScenarioException(fileName + ": not valid YAML: " + e.getMessage(), e);
        }
        return read(new YamlCursor(fileName, "", root));
    }

    private static Scenario read(YamlCursor root) {
        if (!root.isMapping()) {
            throw root.error("a scenario is a mapping with 'name', 'nodes', ... (see docs/sandbox.md)");
        }
        root.allowOnly("name", "description", "k3sVersion", "timing", "nodes", "storageClasses", "minio", "releases",
                "faults");
        String name = root.string("name");
        List<NodeSpec> nodes = nodes(root);
        Scenario scenario = new Scenario(name, root.string("description", ""),
                root.string("k3sVersion", "v1.33.4+k3s1"), timing(root), nodes, storageClasses(root),
                minio(root), releases(root), Faults.NONE);
        return scenario.withFaults(faults(root, scenario));
    }

    private static Timing timing(YamlCursor root) {
        Optional<YamlCursor> field = root.field("timing");
        if (field.isEmpty()) {
            return Timing.DEFAULT;
        }
        YamlCursor t = field.get().allowOnly("tick", "podStartup", "notReadyAfter", "rebootDuration");
        Timing d = Timing.DEFAULT;
        return new Timing(positive(t, "tick", d.tick()), positive(t, "podStartup", d.podStartup()),
                positive(t, "notReadyAfter", d.notReadyAfter()), positive(t, "rebootDuration", d.rebootDuration()));
    }

    private static Duration positive(YamlCursor c, String key, Duration fallback) {
        Duration value = c.duration(key, fallback);
        if (value.isZero() || value.isNegative()) {
            throw c.required(key).error("must be longer than zero");
        }
        return value;
    }

    private static List<NodeSpec> nodes(YamlCursor root) {
        List<YamlCursor> items = root.required("nodes").items();
        if (items.isEmpty()) {
            throw root.required("nodes").error("a lab needs at least one node");
        }
        List<NodeSpec> nodes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            YamlCursor n = items.get(i).allowOnly("name", "role", "address", "cpus", "memory", "model", "osImage",
                    "kernelVersion", "systemMemory", "systemCpu");
            String name = n.string("name");
            if (!name.matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?")) {
                throw n.required("name").error("'" + name + "' is not a valid node name (lower case letters, "
                        + "digits, '-' and '.')");
            }
            if (!names.add(name)) {
                throw n.required("name").error("node '" + name + "' is listed twice");
            }
            String role = n.string("role", "agent");
            if (!role.equals("server") && !role.equals("agent")) {
                throw n.required("role").error("'" + role + "' is not a k3s role; use server or agent");
            }
            boolean server = role.equals("server");
            int cpus = n.integer("cpus", 4);
            if (cpus < 1) {
                throw n.required("cpus").error("a node needs at least 1 CPU");
            }
            nodes.add(new NodeSpec(name, server, n.string("address", "192.168.1." + (10 + i)), cpus,
                    n.bytes("memory", 8L << 30), n.string("model", "Raspberry Pi 5 Model B Rev 1.0"),
                    n.string("osImage", "Debian GNU/Linux 12 (bookworm)"),
                    n.string("kernelVersion", "6.6.74+rpt-rpi-2712"),
                    n.bytes("systemMemory", server ? 950L << 20 : 420L << 20),
                    n.integer("systemCpu", server ? 190 : 70)));
        }
        if (nodes.stream().noneMatch(NodeSpec::server)) {
            throw root.required("nodes").error("a k3s lab needs one node with role: server");
        }
        return nodes;
    }

    private static List<StorageClassSpec> storageClasses(YamlCursor root) {
        List<StorageClassSpec> classes = new ArrayList<>();
        int defaults = 0;
        for (YamlCursor c : root.list("storageClasses")) {
            c.allowOnly("name", "provisioner", "default");
            boolean isDefault = c.bool("default", false);
            if (isDefault && ++defaults > 1) {
                throw c.required("default").error("only one storage class can be the default");
            }
            classes.add(new StorageClassSpec(c.string("name"), c.string("provisioner"), isDefault));
        }
        return classes;
    }

    private static MinioSpec minio(YamlCursor root) {
        Optional<YamlCursor> field = root.field("minio");
        if (field.isEmpty()) {
            return new MinioSpec("minio-admin", "minio-secret-key", List.of());
        }
        YamlCursor m = field.get().allowOnly("accessKey", "secretKey", "buckets");
        List<BucketSpec> buckets = new ArrayList<>();
        for (YamlCursor b : m.list("buckets")) {
            b.allowOnly("name", "readOnly");
            String bucket = b.string("name");
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw b.required("name").error("'" + bucket + "' is not a valid S3 bucket name (3-63 lower case "
                        + "letters, digits, '.' and '-')");
            }
            buckets.add(new BucketSpec(bucket, b.bool("readOnly", false)));
        }
        String secret = m.string("secretKey");
        if (secret.length() < 8) {
            throw m.required("secretKey").error("MinIO needs a secret key of at least 8 characters");
        }
        return new MinioSpec(m.string("accessKey"), secret, buckets);
    }

    private static List<ReleaseSpec> releases(YamlCursor root) {
        List<ReleaseSpec> releases = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (YamlCursor r : root.list("releases")) {
            r.allowOnly("name", "namespace", "chart", "version", "appVersion", "values");
            String chart = r.string("chart");
            if (!KNOWN_CHARTS.contains(chart)) {
                throw r.required("chart").error("the sandbox cannot simulate chart '" + chart + "'; known charts: "
                        + String.join(", ", KNOWN_CHARTS.stream().sorted().toList()));
            }
            String name = r.string("name");
            String namespace = r.string("namespace");
            if (!seen.add(namespace + "/" + name)) {
                throw r.required("name").error("release " + namespace + "/" + name + " is listed twice");
            }
            releases.add(new ReleaseSpec(name, namespace, chart, r.string("version"), r.string("appVersion", ""),
                    r.field("values").map(YamlCursor::plainMap).orElse(null)));
        }
        return releases;
    }

    private static Faults faults(YamlCursor root, Scenario scenario) {
        Set<String> notReady = new LinkedHashSet<>();
        boolean noMetricsServer = false;
        List<RbacDenial> denials = new ArrayList<>();
        Set<String> missingBuckets = new LinkedHashSet<>();
        boolean emptyDirBuffer = false;
        boolean lokiDown = false;
        Optional<Duration> slowReboot = Optional.empty();
        Set<String> neverReturning = new LinkedHashSet<>();
        for (YamlCursor f : root.list("faults")) {
            String typeName = f.string("type");
            FaultType type = FaultType.byKey(typeName).orElseThrow(() -> f.required("type").error("unknown fault '"
                    + typeName + "'; known faults: " + String.join(", ",
                    java.util.Arrays.stream(FaultType.values()).map(FaultType::key).toList())));
            List<String> allowed = new ArrayList<>(List.of(type.fields()));
            allowed.add("type");
            f.allowOnly(allowed.toArray(String[]::new));
            switch (type) {
                case NODE_NOT_READY -> notReady.add(existingNode(f, scenario));
                case NO_METRICS_SERVER -> noMetricsServer = true;
                case RBAC_DENIED -> denials.add(new RbacDenial(f.string("verb"), f.string("group", ""),
                        f.string("resource"), f.field("namespace").map(YamlCursor::text).orElse(null)));
                case MISSING_BUCKET -> missingBuckets.add(f.string("bucket"));
                case VMAGENT_BUFFER_EMPTYDIR -> emptyDirBuffer = true;
                case LOKI_DOWN -> lokiDown = true;
                case SLOW_NODE_REBOOT -> slowReboot = Optional.of(positive(f, "downFor", Duration.ofMinutes(4)));
                case NODE_NEVER_RETURNS -> neverReturning.add(existingNode(f, scenario));
            }
        }
        return new Faults(notReady, noMetricsServer, denials, missingBuckets, emptyDirBuffer, lokiDown, slowReboot,
                neverReturning);
    }

    private static String existingNode(YamlCursor fault, Scenario scenario) {
        String node = fault.string("node");
        if (scenario.node(node).isEmpty()) {
            throw fault.required("node").error("there is no node '" + node + "' in this scenario; nodes: "
                    + String.join(", ", scenario.nodes().stream().map(NodeSpec::name).toList()));
        }
        return node;
    }
}
