package dev.homelab.console.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Finds executables the way the user's terminal would. An app started from a desktop menu inherits a minimal PATH
 * (no ~/.local/bin, /usr/local/bin, Homebrew, asdf, krew...), so exec credential plugins such as
 * {@code kubelogin} or {@code aws} are "not found" although {@code kubectl} works in a terminal. We ask the login
 * shell once for its PATH ({@code $SHELL -l -c 'printf %s "$PATH"'}, bounded) and search the process PATH first,
 * then that one.
 */
public final class LoginShellPath {

    private static final Logger LOG = LoggerFactory.getLogger(LoginShellPath.class);
    private static final LoginShellPath SYSTEM = new LoginShellPath(
            Optional.ofNullable(System.getenv("SHELL")).filter(s -> !s.isBlank()).map(Path::of)
                    .orElse(Path.of("/bin/sh")),
            Duration.ofSeconds(5), System.getenv().getOrDefault("PATH", ""));

    private final Path shell;
    private final Duration timeout;
    private final String processPath;
    private volatile List<Path> loginPath;

    public LoginShellPath(Path shell, Duration timeout, String processPath) {
        this.shell = shell;
        this.timeout = timeout;
        this.processPath = processPath == null ? "" : processPath;
    }

    /** The process-wide instance (the login shell is asked at most once per run). */
    public static LoginShellPath system() {
        return SYSTEM;
    }

    /**
     * The absolute path of {@code command}: unchanged when it already contains a path separator, else the first
     * executable match in the process PATH, then in the login shell's PATH.
     */
    public Optional<Path> resolve(String command) {
        if (command == null || command.isBlank()) {
            return Optional.empty();
        }
        if (command.contains(File.separator)) {
            return Optional.of(Path.of(command));
        }
        Optional<Path> found = search(command, split(processPath));
        return found.isPresent() ? found : search(command, loginShellPath());
    }

    /** The directories of the login shell's PATH (empty when the shell fails or times out); asked once. */
    public List<Path> loginShellPath() {
        List<Path> cached = loginPath;
        if (cached == null) {
            synchronized (this) {
                if (loginPath == null) {
                    loginPath = askShell();
                }
                cached = loginPath;
            }
        }
        return cached;
    }

    private List<Path> askShell() {
        try {
            Process process = new ProcessBuilder(shell.toString(), "-l", "-c", "printf %s \"$PATH\"")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            // The login shell may print a banner or greeting before the PATH; the PATH is the last line.
            byte[] output;
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                LOG.warn("Login shell {} did not print its PATH within {} s; using the process PATH only",
                        shell, timeout.toSeconds());
                return List.of();
            }
            output = process.getInputStream().readAllBytes();
            String text = new String(output, StandardCharsets.UTF_8).strip();
            String last = text.contains("\n") ? text.substring(text.lastIndexOf('\n') + 1) : text;
            LOG.debug("Login shell PATH: {}", last);
            return split(last);
        } catch (IOException e) {
            LOG.warn("Could not ask login shell {} for its PATH: {}", shell, e.getMessage());
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    private static Optional<Path> search(String command, List<Path> dirs) {
        for (Path dir : dirs) {
            Path candidate = dir.resolve(command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toAbsolutePath());
            }
        }
        return Optional.empty();
    }

    private static List<Path> split(String path) {
        Set<Path> dirs = new LinkedHashSet<>();
        for (String part : path.split(File.pathSeparator)) {
            if (!part.isBlank()) {
                try {
                    dirs.add(Path.of(part));
                } catch (RuntimeException ignored) {
                    // a malformed PATH entry cannot hold the plugin
                }
            }
        }
        return new ArrayList<>(dirs);
    }
}
