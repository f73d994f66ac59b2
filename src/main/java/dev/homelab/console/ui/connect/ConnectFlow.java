package dev.homelab.console.ui.connect;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.app.Connector;
import dev.homelab.console.app.KubeconfigSelection;
import dev.homelab.console.app.Settings;
import dev.homelab.console.cluster.ConnectionCheck;
import dev.homelab.console.cluster.ConnectionFailedException;
import dev.homelab.console.cluster.ConnectionProblem;
import dev.homelab.console.cluster.ConnectionProblems;
import dev.homelab.console.cluster.ConnectionReport;
import dev.homelab.console.cluster.ContextEntry;
import dev.homelab.console.cluster.KubeconfigContexts;
import dev.homelab.console.cluster.PermissionCheck;
import dev.homelab.console.cluster.PermissionRequirement;
import dev.homelab.console.cluster.PermissionResult;
import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.sandbox.SandboxPrestart;
import dev.homelab.console.sandbox.scenario.ScenarioException;
import dev.homelab.console.task.Progress;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The connect screen's calls into the engine, run on a worker thread: read kubeconfig, connect (or start the
 * sandbox), then the connection check and the permission check. Checked failures travel as {@link Failure}
 * so that they fit {@code Function<Progress, T>}.
 */
final class ConnectFlow {

    /** Where the target stack goes; the namespaces of releases kept or removed are checked again by the wizard. */
    private static final List<String> MIGRATION_NAMESPACES = List.of("monitoring");

    private final AppDirs dirs;
    private final Connector connector;
    private final AtomicReference<SandboxPrestart> prepared = new AtomicReference<>();

    ConnectFlow(AppDirs dirs, Settings settings) {
        this.dirs = dirs;
        this.connector = new Connector(dirs, settings);
    }

    KubeconfigContexts contexts(Optional<Path> file) {
        try {
            return Connector.contexts(new KubeconfigSelection(file.orElse(null), null));
        } catch (ConnectionFailedException e) {
            throw new Failure(e.problem(), e);
        }
    }

    /**
     * Starts the lab a rehearsal of {@code scenario} would start, in the background, unless one is prepared
     * already: "Start the sandbox" then finds it running.
     */
    void prepareSandbox(Optional<Path> scenario) {
        if (prepared.get() == null) {
            SandboxPrestart prestart = SandboxPrestart.begin(scenario, dirs);
            if (!prepared.compareAndSet(null, prestart)) {
                prestart.close();
            }
        }
    }

    /** Hands over a lab prepared earlier; stops it unless taken. */
    void usePrepared(SandboxPrestart prestart) {
        discardPreparedSandbox();
        prepared.set(prestart);
    }

    /** Stops the prepared lab, if any (another cluster was chosen, or the app quits). */
    void discardPreparedSandbox() {
        SandboxPrestart prestart = prepared.getAndSet(null);
        if (prestart != null) {
            prestart.close();
        }
    }

    ConnectedCluster connect(Optional<Path> file, ContextEntry context, Progress progress) {
        discardPreparedSandbox();
        Connector.Connected connected;
        try {
            connected = connector.connectWithReport(new KubeconfigSelection(file.orElse(null), context.name()),
                    progress);
        } catch (ConnectionFailedException e) {
            throw new Failure(e.problem(), e);
        }
        return withPermissions(connected.context(), connected.report(), progress);
    }

    ConnectedCluster sandbox(Optional<Path> scenario, Progress progress) {
        progress.update("Starting the simulated home lab" + scenario.map(file -> " from " + file.getFileName())
                .orElse(""), -1);
        SandboxLab lab;
        try {
            lab = startSandbox(scenario, progress);
        } catch (ScenarioException e) {
            throw new Failure(new ConnectionProblem(ConnectionProblem.Kind.MALFORMED_KUBECONFIG,
                    "The scenario cannot be used", e.getMessage(),
                    "Fix the scenario file (its format is described in docs/sandbox.md), or start the default "
                            + "home lab with \"Start the sandbox\"."), e);
        }
        ConsoleContext console = new ConsoleContext(lab.session(), lab.releases(), dirs, lab.lifecycle());
        if (progress.isCancelled()) {
            console.close();
            progress.checkCancelled();
        }
        return checked(console, progress);
    }

    private SandboxLab startSandbox(Optional<Path> scenario, Progress progress) {
        SandboxPrestart prestart = prepared.getAndSet(null);
        if (prestart != null && prestart.isFor(scenario)) {
            return prestart.take(progress);
        }
        if (prestart != null) {
            prestart.close();
        }
        return Sandbox.start(scenario, dirs);
    }

    /** Runs the connection check (the sandbox's; the real connect ran it already) then the permission check. */
    private static ConnectedCluster checked(ConsoleContext console, Progress progress) {
        ConnectionReport report;
        try {
            report = ConnectionCheck.check(console.cluster().kube(), console.cluster().identity().contextName(),
                    ConnectionCheck.DEFAULT_TIMEOUT, progress);
        } catch (ConnectionFailedException e) {
            console.close();
            throw new Failure(e.problem(), e);
        } catch (RuntimeException e) {
            console.close();
            throw e;
        }
        return withPermissions(console, report, progress);
    }

    /** Asks for every permission the migration needs; closes the connection when that fails or is cancelled. */
    private static ConnectedCluster withPermissions(ConsoleContext console, ConnectionReport report, Progress progress) {
        try {
            progress.checkCancelled();
            List<PermissionResult> permissions = PermissionCheck.check(console.cluster().kube(),
                    PermissionRequirement.forMigration(MIGRATION_NAMESPACES), progress);
            progress.checkCancelled();
            return new ConnectedCluster(console, report, permissions);
        } catch (RuntimeException e) {
            console.close();
            throw e;
        }
    }

    static ConnectionProblem problemOf(Throwable error) {
        if (error instanceof Failure failure) {
            return failure.problem;
        }
        if (error instanceof ConnectionFailedException failed) {
            return failed.problem();
        }
        return ConnectionProblems.explain(error, "");
    }

    /** A checked connection failure carried through a background task. */
    static final class Failure extends RuntimeException {
        private final transient ConnectionProblem problem;

        Failure(ConnectionProblem problem, Exception cause) {
            super(problem.summary(), cause);
            this.problem = problem;
        }
    }
}
