package dev.homelab.console.cli;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Runs the CLI as a user would, in-process: {@code homelab.home} points at a fresh temporary folder for each test,
 * and each {@link #run} captures what the command prints on stdout and stderr. Register with
 * {@code @RegisterExtension final CliRun cli = new CliRun();}.
 */
public final class CliRun implements BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private Path home;
    private String originalHome;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("homelab-cli-test");
        originalHome = System.getProperty("homelab.home");
        System.setProperty("homelab.home", home.resolve("home").toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (originalHome == null) {
            System.clearProperty("homelab.home");
        } else {
            System.setProperty("homelab.home", originalHome);
        }
        try (Stream<Path> files = Files.walk(home)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Runs {@code homelab-console args…}; returns the exit code. Output of earlier runs is forgotten. */
    public int run(String... args) {
        out.reset();
        err.reset();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return HomelabConsoleCommand.execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    public String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    public String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A folder for the test's own files (removed after the test). */
    public Path folder() {
        return home;
    }
}
