package dev.homelab.console.cluster;

import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.client.Config;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The kubeconfig the way kubectl sees it: the files of {@code KUBECONFIG} (':'-separated, missing ones skipped) merged
 * with "the first file that defines a cluster, user or context name wins" and "the first current-context wins";
 * without {@code KUBECONFIG}, {@code ~/.kube/config}; or one file the user picked. Relative certificate, key, token
 * and plugin paths are resolved against the file that names them, as kubectl does.
 * <p>
 * Building a client ({@link #clientConfig}) never lets fabric8 run exec plugins: see {@link ExecCredentialPlugin}.
 */
public final class KubeconfigContexts {

    private final List<Path> files;
    private final Map<String, Entry> clusters;
    private final Map<String, Entry> users;
    private final Map<String, Entry> contexts;
    private final String currentContext;

    private record Entry(JsonNode body, Path file) {
    }

    private KubeconfigContexts(List<Path> files, Map<String, Entry> clusters, Map<String, Entry> users,
                               Map<String, Entry> contexts, String currentContext) {
        this.files = files;
        this.clusters = clusters;
        this.users = users;
        this.contexts = contexts;
        this.currentContext = currentContext;
    }

    /** {@code KUBECONFIG} if set, else {@code ~/.kube/config}, as the current process sees them. */
    public static KubeconfigContexts load() throws ConnectionFailedException {
        return load(defaultFiles(System.getenv("KUBECONFIG"), Path.of(System.getProperty("user.home"))));
    }

    /** One explicit file (the file chooser, {@code --kubeconfig}). */
    public static KubeconfigContexts load(Path file) throws ConnectionFailedException {
        if (!Files.isRegularFile(file)) {
            throw new ConnectionFailedException(new ConnectionProblem(ConnectionProblem.Kind.NO_KUBECONFIG,
                    "Kubeconfig file not found", file + " does not exist or is not a file",
                    "Choose an existing kubeconfig file (k3s writes one to /etc/rancher/k3s/k3s.yaml on the server)."));
        }
        return load(List.of(file));
    }

    /** The files a {@code KUBECONFIG} value names (in order, de-duplicated), or {@code ~/.kube/config}. */
    public static List<Path> defaultFiles(String kubeconfigVariable, Path home) {
        if (kubeconfigVariable == null || kubeconfigVariable.isBlank()) {
            return List.of(home.resolve(".kube").resolve("config"));
        }
        Set<Path> files = new LinkedHashSet<>();
        for (String part : kubeconfigVariable.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                files.add(Path.of(part));
            }
        }
        return new ArrayList<>(files);
    }

    /** Merges the given files; files that do not exist are skipped, as kubectl does with KUBECONFIG. */
    public static KubeconfigContexts load(List<Path> candidates) throws ConnectionFailedException {
        Map<String, Entry> clusters = new LinkedHashMap<>();
        Map<String, Entry> users = new LinkedHashMap<>();
        Map<String, Entry> contexts = new LinkedHashMap<>();
        String current = null;
        List<Path> read = new ArrayList<>();
        for (Path file : candidates) {
            if (!Files.isRegularFile(file)) {
                continue;
            }
            JsonNode root = parse(file);
            read.add(file);
            collect(root, "clusters", "cluster", file, clusters);
            collect(root, "users", "user", file, users);
            collect(root, "contexts", "context", file, contexts);
            String fileCurrent = root.path("current-context").asString("");
            if (current == null && !fileCurrent.isBlank()) {
                current = fileCurrent;
            }
        }
        return new KubeconfigContexts(List.copyOf(read), clusters, users, contexts, current);
    }

    /** The files that were actually read, in merge order. */
    public List<Path> files() {
        return files;
    }

    public boolean isEmpty() {
        return contexts.isEmpty();
    }

    public Optional<String> currentContext() {
        return Optional.ofNullable(currentContext).filter(contexts::containsKey);
    }

    public List<ContextEntry> contexts() {
        List<ContextEntry> list = new ArrayList<>();
        for (String name : contexts.keySet()) {
            list.add(entry(name));
        }
        return list;
    }

    public Optional<ContextEntry> context(String name) {
        return contexts.containsKey(name) ? Optional.of(entry(name)) : Optional.empty();
    }

    private ContextEntry entry(String name) {
        Entry context = contexts.get(name);
        String clusterName = context.body().path("cluster").asString("");
        Entry cluster = clusters.get(clusterName);
        String server = cluster == null ? "" : cluster.body().path("server").asString("");
        return new ContextEntry(name, clusterName, context.body().path("user").asString(""),
                context.body().path("namespace").asString(""), server, context.file().toString());
    }

    /**
     * A fabric8 client configuration for the context (null or blank = current-context), with bounded timeouts.
     * When the user authenticates through an exec plugin, the plugin runs now (so its failure is reported before
     * anything else) and again whenever its credential expires.
     */
    public Config clientConfig(String contextName, LoginShellPath path) throws ConnectionFailedException {
        String name = contextName == null || contextName.isBlank() ? currentContext : contextName;
        if (name == null || !contexts.containsKey(name)) {
            throw new ConnectionFailedException(noSuchContext(name));
        }
        Entry context = contexts.get(name);
        String clusterName = context.body().path("cluster").asString("");
        Entry cluster = clusters.get(clusterName);
        if (cluster == null) {
            throw new ConnectionFailedException(new ConnectionProblem(ConnectionProblem.Kind.MALFORMED_KUBECONFIG,
                    "Context refers to a missing cluster", "Context '" + name + "' (in " + context.file()
                    + ") uses cluster '" + clusterName + "', which no kubeconfig file defines",
                    "Fix the context's cluster name or add the cluster entry (kubectl config view shows the merge)."));
        }
        String userName = context.body().path("user").asString("");
        Entry user = users.get(userName);
        ObjectNode userBody = user == null ? Json.JSON.createObjectNode() : ((ObjectNode) user.body()).deepCopy();
        JsonNode exec = userBody.remove("exec");
        if (!userBody.hasNonNull("token") && userBody.hasNonNull("tokenFile")) {
            userBody.put("token", readTokenFile(Path.of(userBody.get("tokenFile").asString()), user.file()));
        }

        ObjectNode minimal = Json.JSON.createObjectNode();
        minimal.put("apiVersion", "v1");
        minimal.put("kind", "Config");
        minimal.put("current-context", name);
        minimal.putArray("contexts").addObject().put("name", name).set("context", context.body());
        minimal.putArray("clusters").addObject().put("name", clusterName).set("cluster", cluster.body());
        minimal.putArray("users").addObject().put("name", userName.isEmpty() ? name : userName)
                .set("user", userBody);
        Config config = Config.fromKubeconfig(name, Json.JSON.writeValueAsString(minimal), null);
        config.setConnectionTimeout(5_000);
        config.setRequestTimeout(10_000);
        config.setRequestRetryBackoffLimit(1);
        config.setRequestRetryBackoffInterval(250);
        if (exec != null && exec.isObject()) {
            applyExecPlugin(config, plugin(exec, path));
        }
        return config;
    }

    /** The exec plugin a context's user runs, if any. */
    public Optional<ExecCredentialPlugin> execPlugin(String contextName, LoginShellPath path) {
        Entry context = contexts.get(contextName);
        if (context == null) {
            return Optional.empty();
        }
        Entry user = users.get(context.body().path("user").asString(""));
        JsonNode exec = user == null ? null : user.body().get("exec");
        return exec == null || !exec.isObject() ? Optional.empty() : Optional.of(plugin(exec, path));
    }

    private static ExecCredentialPlugin plugin(JsonNode exec, LoginShellPath path) {
        List<String> args = new ArrayList<>();
        exec.path("args").forEach(arg -> args.add(arg.asString()));
        Map<String, String> env = new LinkedHashMap<>();
        exec.path("env").forEach(e -> env.put(e.path("name").asString(), e.path("value").asString("")));
        return new ExecCredentialPlugin(exec.path("command").asString(""), args, env,
                exec.path("apiVersion").asString(""), path, java.time.Duration.ofSeconds(30),
                java.time.Clock.systemUTC());
    }

    private static void applyExecPlugin(Config config, ExecCredentialPlugin plugin) throws ConnectionFailedException {
        ExecCredentialPlugin.Credential credential;
        try {
            credential = plugin.credential();
        } catch (ExecCredentialPlugin.ExecPluginException e) {
            throw new ConnectionFailedException(ConnectionProblems.execPlugin(e), e);
        }
        if (credential.token() != null) {
            config.setOauthTokenProvider(plugin);
        } else {
            config.setClientCertData(credential.clientCertificateData());
            config.setClientKeyData(credential.clientKeyData());
        }
    }

    private static String readTokenFile(Path file, Path kubeconfig) throws ConnectionFailedException {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new ConnectionFailedException(new ConnectionProblem(ConnectionProblem.Kind.MALFORMED_KUBECONFIG,
                    "Token file unreadable", "tokenFile " + file + " named in " + kubeconfig + " cannot be read ("
                    + e.getClass().getSimpleName() + ")", "Check that the file exists and is readable by you."));
        }
    }

    private ConnectionProblem noSuchContext(String name) {
        if (contexts.isEmpty()) {
            return new ConnectionProblem(ConnectionProblem.Kind.NO_KUBECONFIG, "No kubeconfig contexts",
                    files.isEmpty() ? "No kubeconfig file was found (KUBECONFIG or ~/.kube/config)"
                            : "The kubeconfig files " + files + " define no context",
                    "Copy your cluster's kubeconfig (k3s: /etc/rancher/k3s/k3s.yaml, with the server address "
                            + "changed from 127.0.0.1 to the server's IP) to ~/.kube/config, or pick a file; "
                            + "or rehearse on the simulated home lab (--sandbox).");
        }
        return new ConnectionProblem(ConnectionProblem.Kind.NO_KUBECONFIG,
                name == null ? "No current context" : "Context not found",
                name == null ? "The kubeconfig sets no current-context"
                        : "No context named '" + name + "' in " + files,
                "Choose one of: " + String.join(", ", contexts.keySet()));
    }

    private static JsonNode parse(Path file) throws ConnectionFailedException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConnectionFailedException(new ConnectionProblem(ConnectionProblem.Kind.MALFORMED_KUBECONFIG,
                    "Kubeconfig unreadable", file + " cannot be read (" + e.getClass().getSimpleName() + ")",
                    "Check the file's permissions (chmod 600, owned by you)."));
        }
        JsonNode root;
        try {
            root = text.isBlank() ? null : Json.YAML.readTree(text);
        } catch (JacksonException e) {
            throw new ConnectionFailedException(malformed(file, e));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return Json.JSON.createObjectNode();
        }
        if (!root.isObject()) {
            throw new ConnectionFailedException(new ConnectionProblem(ConnectionProblem.Kind.MALFORMED_KUBECONFIG,
                    "Malformed kubeconfig", file + ": the document is not a YAML mapping",
                    "A kubeconfig starts with 'apiVersion: v1' and 'kind: Config'; check the file's content."));
        }
        for (String list : List.of("clusters", "users", "contexts")) {
            JsonNode value = root.get(list);
            if (value != null && !value.isNull() && !value.isArray()) {
                throw new ConnectionFailedException(new ConnectionProblem(
                        ConnectionProblem.Kind.MALFORMED_KUBECONFIG, "Malformed kubeconfig",
                        file + ": '" + list + "' must be a list", "Fix the '" + list + "' section of the file."));
            }
        }
        return root;
    }

    private static final java.util.regex.Pattern MARK =
            java.util.regex.Pattern.compile("in reader, line (\\d+), column (\\d+)");

    /**
     * Names the file, the position and the parser's reason, never the offending text (it may be a token or key
     * line): the YAML parser's message is split into its description lines, its position marks (the last one is
     * where the problem is) and its snippet lines, which are dropped.
     */
    static ConnectionProblem malformed(Path file, JacksonException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        List<String> reasons = new ArrayList<>();
        int line = -1;
        int column = -1;
        for (String text : original.split("\n")) {
            java.util.regex.Matcher mark = MARK.matcher(text);
            if (mark.find()) {
                line = Integer.parseInt(mark.group(1));
                column = Integer.parseInt(mark.group(2));
            } else if (!text.isBlank() && !text.startsWith(" ")) {
                reasons.add(text.strip());
            }
        }
        TokenStreamLocation location = e.getLocation();
        if (line < 0 && location != null && location.getLineNr() > 0) {
            line = location.getLineNr();
            column = location.getColumnNr();
        }
        String where = line < 0 ? "" : " at line " + line + ", column " + column;
        String reason = reasons.isEmpty() ? "invalid YAML" : Redaction.scrub(String.join("; ", reasons));
        return new ConnectionProblem(ConnectionProblem.Kind.MALFORMED_KUBECONFIG, "Malformed kubeconfig",
                file + where + ": " + reason,
                "Open the file at that position and fix the YAML (indentation with spaces, no tabs; "
                        + "'kubectl config view' shows whether kubectl can read it).");
    }

    private static void collect(JsonNode root, String list, String field, Path file, Map<String, Entry> into) {
        JsonNode items = root.get(list);
        if (items == null || !items.isArray()) {
            return;
        }
        for (JsonNode item : (ArrayNode) items) {
            String name = item.path("name").asString("");
            JsonNode body = item.get(field);
            if (name.isEmpty() || into.containsKey(name)) {
                continue;
            }
            ObjectNode copy = body != null && body.isObject() ? ((ObjectNode) body).deepCopy()
                    : Json.JSON.createObjectNode();
            resolveRelativePaths(copy, file);
            into.put(name, new Entry(copy, file));
        }
    }

    private static void resolveRelativePaths(ObjectNode body, Path file) {
        Path dir = file.toAbsolutePath().getParent();
        for (String key : List.of("certificate-authority", "client-certificate", "client-key", "tokenFile")) {
            JsonNode value = body.get(key);
            if (value != null && value.isString() && !value.asString().isBlank()
                    && !Path.of(value.asString()).isAbsolute()) {
                body.put(key, dir.resolve(value.asString()).normalize().toString());
            }
        }
        JsonNode exec = body.get("exec");
        if (exec instanceof ObjectNode execNode && execNode.hasNonNull("command")) {
            String command = execNode.get("command").asString();
            if (command.contains(File.separator) && !Path.of(command).isAbsolute()) {
                execNode.put("command", dir.resolve(command).normalize().toString());
            }
        }
    }
}
