package dev.homelab.console.cluster;

import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A kubeconfig {@code users[].user.exec} credential plugin, run by the console itself rather than by fabric8:
 * fabric8 8.0.0 merges the plugin's stderr into the JSON it parses (so any plugin that prints a notice fails) and logs
 * the whole output, token included, at WARN. Here the command is resolved against the login-shell PATH, stdout and
 * stderr are kept apart, the run is bounded, a failure carries the plugin's stderr (scrubbed), and the credential is
 * cached until its {@code expirationTimestamp} (or {@link #DEFAULT_CACHE} when the plugin gives none).
 */
public final class ExecCredentialPlugin implements OAuthTokenProvider {

    static final Duration DEFAULT_CACHE = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ExecCredentialPlugin.class);
    private static final int MAX_STDERR = 2000;

    /** What the plugin returned: a bearer token, or a client certificate and key (PEM). */
    public record Credential(String token, String clientCertificateData, String clientKeyData, Instant expires) {
        @Override
        public String toString() {
            return "Credential[" + (token != null ? "token" : "client certificate") + ", expires=" + expires + "]";
        }
    }

    private final String command;
    private final List<String> args;
    private final Map<String, String> env;
    private final String apiVersion;
    private final LoginShellPath path;
    private final Duration timeout;
    private final Clock clock;
    private Credential cached;

    public ExecCredentialPlugin(String command, List<String> args, Map<String, String> env, String apiVersion,
                                LoginShellPath path, Duration timeout, Clock clock) {
        this.command = command;
        this.args = List.copyOf(args);
        this.env = Map.copyOf(env);
        this.apiVersion = apiVersion == null || apiVersion.isBlank()
                ? "client.authentication.k8s.io/v1" : apiVersion;
        this.path = path;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** The plugin's command as written in the kubeconfig. */
    public String command() {
        return command;
    }

    /** Where the command was found (absolute), if anywhere. */
    public Optional<Path> resolvedCommand() {
        return path.resolve(command);
    }

    /** For fabric8: the cached token, re-running the plugin when it has expired. */
    @Override
    public String getToken() {
        return credential().token();
    }

    /** The current credential; runs the plugin when nothing valid is cached. Throws {@link ExecPluginException}. */
    public synchronized Credential credential() {
        if (cached == null || !cached.expires().isAfter(clock.instant().plusSeconds(10))) {
            cached = run();
        }
        return cached;
    }

    /** Forget the cached credential (after the API server rejected it). */
    public synchronized void invalidate() {
        cached = null;
    }

    private Credential run() {
        Path executable = resolvedCommand().orElseThrow(() -> new ExecPluginException(command,
                "Credential plugin '" + command + "' was not found on the PATH nor on your login shell's PATH",
                ""));
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(argv);
        builder.environment().putAll(env);
        builder.environment().put("KUBERNETES_EXEC_INFO", "{\"apiVersion\":\"" + apiVersion
                + "\",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        LOG.debug("Running credential plugin {}", executable);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new ExecPluginException(command, "Credential plugin '" + executable + "' could not be started: "
                    + e.getMessage(), "");
        }
        CompletableFuture<byte[]> stdout = drain(process.getInputStream());
        CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new ExecPluginException(command, "Credential plugin '" + executable + "' did not finish within "
                        + timeout.toSeconds() + " s (does it wait for a browser login or a prompt?)",
                        text(stderr));
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ExecPluginException(command, "Interrupted while running credential plugin '" + executable + "'",
                    "");
        }
        String errors = text(stderr);
        if (process.exitValue() != 0) {
            throw new ExecPluginException(command, "Credential plugin '" + executable + "' exited with code "
                    + process.exitValue(), errors);
        }
        return parse(executable, new String(join(stdout), StandardCharsets.UTF_8), errors);
    }

    private Credential parse(Path executable, String output, String errors) {
        JsonNode root;
        try {
            root = Json.JSON.readTree(output);
        } catch (RuntimeException e) {
            throw new ExecPluginException(command, "Credential plugin '" + executable
                    + "' did not print an ExecCredential JSON object", errors);
        }
        JsonNode status = root == null ? null : root.path("status");
        if (status == null || status.isMissingNode()) {
            throw new ExecPluginException(command, "Credential plugin '" + executable
                    + "' printed an ExecCredential without status", errors);
        }
        String returnedVersion = root.path("apiVersion").asString("");
        if (!returnedVersion.isEmpty() && !returnedVersion.equals(apiVersion)) {
            LOG.warn("Credential plugin {} answered apiVersion {} although the kubeconfig asks for {}",
                    executable, returnedVersion, apiVersion);
        }
        String token = blankToNull(status.path("token").asString(null));
        String cert = blankToNull(status.path("clientCertificateData").asString(null));
        String key = blankToNull(status.path("clientKeyData").asString(null));
        if (token == null && (cert == null || key == null)) {
            throw new ExecPluginException(command, "Credential plugin '" + executable
                    + "' returned neither a token nor a client certificate and key", errors);
        }
        String expiry = status.path("expirationTimestamp").asString("");
        Instant expires = expiry.isEmpty() ? clock.instant().plus(DEFAULT_CACHE) : Instant.parse(expiry);
        return new Credential(token, cert, key, expires);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static CompletableFuture<byte[]> drain(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                in.transferTo(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static byte[] join(CompletableFuture<byte[]> future) {
        try {
            return future.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return new byte[0];
        }
    }

    private static String text(CompletableFuture<byte[]> stderr) {
        String text = Redaction.scrub(new String(join(stderr), StandardCharsets.UTF_8).strip());
        return text.length() > MAX_STDERR ? text.substring(0, MAX_STDERR) + " …" : text;
    }

    /** The plugin failed; {@link #stderr()} is what it printed there, scrubbed of anything credential-like. */
    public static final class ExecPluginException extends RuntimeException {
        private final String command;
        private final String stderr;

        public ExecPluginException(String command, String message, String stderr) {
            super(stderr == null || stderr.isBlank() ? message : message + ": " + stderr);
            this.command = command;
            this.stderr = stderr == null ? "" : stderr;
        }

        public String command() {
            return command;
        }

        public String stderr() {
            return stderr;
        }

        public String reason() {
            String message = getMessage();
            return stderr.isBlank() ? message : message.substring(0, message.length() - stderr.length() - 2);
        }
    }
}
