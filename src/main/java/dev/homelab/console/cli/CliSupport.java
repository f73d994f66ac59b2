package dev.homelab.console.cli;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.Connector;
import dev.homelab.console.app.KubeconfigSelection;
import dev.homelab.console.app.Settings;
import dev.homelab.console.cluster.ConnectionFailedException;
import dev.homelab.console.cluster.ConnectionProblem;
import dev.homelab.console.cluster.Redaction;
import dev.homelab.console.task.CancelledException;
import dev.homelab.console.task.Progress;
import dev.homelab.console.util.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.homelab.console.sandbox.scenario.ScenarioException;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * What every cluster command shares: connecting from {@link ConnectionOptions} (kubeconfig/context or sandbox), the
 * exit-code rules ({@link ExitCodes}) with a one-line reason on stderr, progress on stderr in text mode, and JSON
 * printing. A command's {@code call()} is typically:
 * <pre>{@code
 * return CliSupport.run(() -> {
 *     try (Connector.Connected connected = CliSupport.connect(options)) {
 *         ... CliSupport.printJson(result) or print text ...
 *         return ExitCodes.OK;
 *     }
 * });
 * }</pre>
 */
public final class CliSupport {

    private static final Logger LOG = LoggerFactory.getLogger(CliSupport.class);

    private CliSupport() {
    }

    /** Runs a command body and turns failures into exit codes and one stderr line. */
    public static int run(Callable<Integer> body) {
        try {
            return body.call();
        } catch (CliFailure e) {
            return fail(e.exitCode(), e.getMessage());
        } catch (ConnectionFailedException e) {
            return fail(exitCode(e.problem()), e.problem().summary() + " — " + e.problem().fix());
        } catch (CancelledException e) {
            return fail(ExitCodes.OPERATION_FAILED, "Cancelled");
        } catch (Exception e) {
            LOG.error("Command failed", e);
            return fail(ExitCodes.OPERATION_FAILED, e.getClass().getSimpleName() + ": "
                    + Redaction.scrub(e.getMessage()));
        }
    }

    /** Connects as the options say; the caller closes the result. */
    public static Connector.Connected connect(ConnectionOptions options) throws ConnectionFailedException {
        AppDirs dirs = AppDirs.fromEnvironment();
        Connector connector = new Connector(dirs, Settings.load(dirs));
        Progress progress = progress(options);
        if (options.useSandbox()) {
            Optional<Path> scenario = "default".equals(options.sandbox) ? Optional.empty()
                    : Optional.of(Path.of(options.sandbox));
            if (scenario.isPresent() && !Files.isRegularFile(scenario.get())
                    && !dev.homelab.console.sandbox.Sandbox.isBuiltInName(options.sandbox)) {
                throw new CliFailure(ExitCodes.USAGE, "Scenario file " + scenario.get() + " does not exist");
            }
            try {
                return connector.sandboxWithReport(scenario, progress);
            } catch (ScenarioException e) {
                throw new CliFailure(ExitCodes.USAGE, e.getMessage());
            }
        }
        return connector.connectWithReport(new KubeconfigSelection(options.kubeconfig, options.context), progress);
    }

    /** Exit code for a connection problem: 4 for an RBAC denial, 3 for everything else. */
    public static int exitCode(ConnectionProblem problem) {
        return problem.kind() == ConnectionProblem.Kind.FORBIDDEN ? ExitCodes.NOT_PERMITTED : ExitCodes.CANNOT_CONNECT;
    }

    /**
     * Progress lines on stderr in text mode (stdout stays clean for the result), at most one every 300 ms so a
     * quick series of steps does not scroll the terminal; silent for JSON.
     */
    public static Progress progress(ConnectionOptions options) {
        boolean verbose = options.output == OutputFormat.text;
        PrintStream err = System.err;
        return new Progress() {
            private long lastPrinted;

            @Override
            public void update(String message, double fraction) {
                long now = System.nanoTime();
                if (verbose && now - lastPrinted > 300_000_000L) {
                    lastPrinted = now;
                    err.println("… " + message);
                }
            }

            @Override
            public boolean isCancelled() {
                return Thread.currentThread().isInterrupted();
            }
        };
    }

    public static void printJson(Object value) {
        System.out.println(Json.PRETTY.writeValueAsString(value));
    }

    /** The result on stdout: {@code json} as JSON with {@code --output json}, else what {@code text} prints. */
    public static void print(ConnectionOptions options, Object json, Runnable text) {
        if (options.output == OutputFormat.json) {
            printJson(json);
        } else {
            text.run();
        }
    }

    /** The result on stdout: {@code json} as JSON with {@code --output json}, else the line {@code text}. */
    public static void print(ConnectionOptions options, Object json, String text) {
        print(options, json, () -> System.out.println(text));
    }

    /** An action on the user's arguments that has no result. */
    public interface ArgumentAction {
        void run() throws Exception;
    }

    /** What a bad argument throws ({@link IllegalArgumentException}) becomes a usage failure (exit 2), same message. */
    public static <T> T usage(Callable<T> parse) throws Exception {
        try {
            return parse.call();
        } catch (IllegalArgumentException e) {
            throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** As {@link #usage(Callable)}, for an action without a result. */
    public static void usage(ArgumentAction action) throws Exception {
        usage(() -> {
            action.run();
            return null;
        });
    }

    private static int fail(int code, String reason) {
        String line = reason == null ? "failed" : reason.replace('\n', ' ').strip();
        System.err.println("homelab-console: " + line);
        return code;
    }
}
