package dev.homelab.console.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A real server process from Debian's packages (victoria-metrics, vmagent, vmalert, prometheus,
 * prometheus-alertmanager) started on 127.0.0.1 with a free port and a temp data folder, for integration tests.
 * Tests skip with a clear message when the binary is absent; {@code app/test} installs them.
 */
public final class LocalServer implements AutoCloseable {

    private final String name;
    private final Process process;
    private final int port;
    private final Path dataDir;
    private final Path logFile;

    private LocalServer(String name, Process process, int port, Path dataDir, Path logFile) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.logFile = logFile;
    }

    /** Skips the calling test when the binary is not installed. */
    public static Path requireBinary(String binary) {
        Path path = Path.of("/usr/bin", binary);
        Assumptions.assumeTrue(Files.isExecutable(path),
                binary + " is not installed: run app/test (it installs victoria-metrics, prometheus and "
                        + "prometheus-alertmanager from Debian) to run this integration test");
        return path;
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts {@code binary} with the arguments built from (port, dataDir) and waits until {@code readyPath}
     * answers 200 on that port.
     */
    public static LocalServer start(String binary, Function<Context, List<String>> arguments, String readyPath,
                                    Duration timeout) throws IOException, InterruptedException {
        return start(binary, arguments, readyPath, timeout, freePort());
    }

    public static LocalServer start(String binary, Function<Context, List<String>> arguments, String readyPath,
                                    Duration timeout, int port) throws IOException, InterruptedException {
        Path executable = requireBinary(binary);
        Path dataDir = Files.createTempDirectory("homelab-" + binary + "-");
        Path logFile = dataDir.resolve(binary + ".log");
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(arguments.apply(new Context(port, dataDir)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .start();
        LocalServer server = new LocalServer(binary, process, port, dataDir, logFile);
        server.awaitReady(readyPath, timeout);
        return server;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s); the data folder stays until {@link #close()}. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private void awaitReady(String readyPath, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                HttpURLConnection connection =
                        (HttpURLConnection) baseUri().resolve(readyPath).toURL().openConnection();
                connection.setConnectTimeout(500);
                connection.setReadTimeout(1000);
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + log());
    }

    @Override
    public void close() throws Exception {
        stop();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** What an argument builder gets. */
    public record Context(int port, Path dataDir) {
        public String listen() {
            return "127.0.0.1:" + port;
        }
    }
}
