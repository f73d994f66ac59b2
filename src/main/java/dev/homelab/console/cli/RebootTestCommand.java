package dev.homelab.console.cli;

import dev.homelab.console.app.Connector;
import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.reboot.plan.RebootPlan;
import dev.homelab.console.reboot.plan.RebootSettings;
import dev.homelab.console.reboot.plan.Refusal;
import dev.homelab.console.reboot.run.RebootLock;
import dev.homelab.console.reboot.run.RebootRefusedException;
import dev.homelab.console.reboot.run.RebootTestRunner;
import dev.homelab.console.reboot.timeline.RebootTimeline;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code reboot-test plan|run}: the guarded reboot test of a worker. {@code plan} shows what would happen and why it
 * may or may not run; {@code run --yes} does it after a 10-second cancel window (Ctrl-C cancels and still cleans up).
 */
@Command(name = "reboot-test", mixinStandardHelpOptions = true,
        description = "Reboot a node to prove metrics/logs buffering and recovery.",
        subcommands = {RebootTestCommand.Plan.class, RebootTestCommand.Run.class})
public final class RebootTestCommand extends ParentCommand {

    static final int CANCEL_WINDOW_SECONDS = 10;

    /** Options both subcommands share. */
    static final class TestOptions {
        @Option(names = "--node", paramLabel = "NAME", description = "node to reboot (default: the proposed one)")
        String node;

        @Option(names = "--timeout", paramLabel = "MINUTES", defaultValue = "10",
                description = "how long to wait for the node to return (default: ${DEFAULT-VALUE})")
        long timeoutMinutes;

        @Option(names = "--no-cordon", description = "do not cordon the node during the test")
        boolean noCordon;

        @Option(names = "--accept-downtime",
                description = "accept that single-copy workloads on the node are down while it reboots")
        boolean acceptDowntime;

        RebootSettings settings() {
            return new RebootSettings(node, !noCordon, Duration.ofMinutes(timeoutMinutes), acceptDowntime);
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Show which node to test, what runs there, what the test proves, and whether it may run.")
    static final class Plan implements Callable<Integer> {
        @Mixin
        ConnectionOptions options = new ConnectionOptions();
        @Mixin
        TestOptions test = new TestOptions();

        @Override
        public Integer call() {
            return CliSupport.run(() -> {
                try (Connector.Connected connected = CliSupport.connect(options)) {
                    RebootPlan plan = RebootTestRunner.standard(connected.context().cluster(),
                            connected.context().dirs()).plan(test.settings());
                    CliSupport.print(options, plan, () -> printPlan(plan));
                    if (!plan.allowed()) {
                        throw new CliFailure(ExitCodes.CHECK_FAILED, "the reboot test of " + plan.node()
                                + " would be refused: " + plan.refusals().get(0).message());
                    }
                    return ExitCodes.OK;
                }
            });
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Run the reboot test (needs --yes). Exit 1 when a verdict is red or it is refused.")
    static final class Run implements Callable<Integer> {
        @Mixin
        ConnectionOptions options = new ConnectionOptions();
        @Mixin
        TestOptions test = new TestOptions();

        @Option(names = "--yes", description = "confirm: really reboot the node")
        boolean yes;

        @Option(names = "--report", paramLabel = "FILE", description = "also write the HTML report to FILE")
        Path report;

        @Override
        public Integer call() {
            return CliSupport.run(() -> {
                try (Connector.Connected connected = CliSupport.connect(options)) {
                    RebootTestRunner runner = RebootTestRunner.standard(connected.context().cluster(),
                            connected.context().dirs());
                    RebootPlan plan = runner.plan(test.settings());
                    boolean text = options.output == OutputFormat.text;
                    if (text) {
                        printPlan(plan);
                    }
                    if (!plan.allowed()) {
                        throw new CliFailure(ExitCodes.CHECK_FAILED, "refused: " + plan.refusals().get(0).message());
                    }
                    if (!yes) {
                        throw new CliFailure(ExitCodes.USAGE, "this reboots " + plan.node() + ": add --yes to confirm");
                    }
                    AtomicBoolean cancelled = new AtomicBoolean();
                    Thread worker = Thread.currentThread();
                    Thread hook = new Thread(() -> {
                        cancelled.set(true);
                        try {
                            worker.join(60_000);
                        } catch (InterruptedException ignored) {
                            Thread.currentThread().interrupt();
                        }
                    }, "reboot-test-cancel");
                    Runtime.getRuntime().addShutdownHook(hook);
                    Progress progress = cancellable(CliSupport.progress(options), cancelled);
                    countdown(plan.node(), progress);
                    RebootTimeline timeline = new RebootTimeline();
                    if (text) {
                        timeline.addListener(e -> System.out.println("  " + e.at() + "  "
                                + (e.sinceRequest() == null ? "" : "+" + e.sinceRequest().toSeconds() + "s  ")
                                + e.milestone().title() + (e.detail().isEmpty() ? "" : " — " + e.detail())));
                    }
                    RebootResult result;
                    try {
                        result = runner.run(plan.settingsFor(test.settings()), timeline, s -> {
                        }, progress);
                    } catch (RebootRefusedException | RebootLock.LockHeldException e) {
                        throw new CliFailure(ExitCodes.CHECK_FAILED, e.getMessage());
                    } finally {
                        removeHook(hook);
                    }
                    if (report != null && result.reportFile() != null) {
                        Files.copy(Path.of(result.reportFile()), report,
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (text) {
                        System.out.println();
                        VerifyCommand.print(result.claims());
                        System.out.println("Report: " + (report != null ? report : result.reportFile()));
                    } else {
                        CliSupport.printJson(result);
                    }
                    if (result.overall() == Verdict.FAILED) {
                        throw new CliFailure(ExitCodes.CHECK_FAILED, "the reboot test of " + result.node()
                                + " found a problem: see the verdicts");
                    }
                    return ExitCodes.OK;
                }
            });
        }

        private static void countdown(String node, Progress progress) throws InterruptedException {
            for (int left = CANCEL_WINDOW_SECONDS; left > 0; left--) {
                progress.checkCancelled();
                System.err.println("Rebooting " + node + " in " + left + " s — press Ctrl-C to cancel");
                Thread.sleep(1000);
            }
        }

        private static void removeHook(Thread hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this thread's cleanup
            }
        }
    }

    private static Progress cancellable(Progress inner, AtomicBoolean cancelled) {
        return new Progress() {
            @Override
            public void update(String message, double fraction) {
                inner.update(message, fraction);
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get() || inner.isCancelled();
            }
        };
    }

    static void printPlan(RebootPlan plan) {
        System.out.println("Reboot test of " + plan.node() + (plan.node() != null && plan.node().equals(
                plan.proposedNode()) ? " (proposed: " + plan.proposalReason() + ")" : ""));
        plan.meaning().forEach(line -> System.out.println("  " + line));
        if (!plan.unreplicated().isEmpty()) {
            System.out.println("Unavailable while the node is down:");
            plan.unreplicated().forEach(w -> System.out.println("  " + w.display()));
        }
        System.out.println("Steps:");
        for (int i = 0; i < plan.steps().size(); i++) {
            System.out.println("  " + (i + 1) + ". " + plan.steps().get(i));
        }
        if (plan.allowed()) {
            System.out.println("Allowed.");
        } else {
            System.out.println("Refused:");
            for (Refusal refusal : plan.refusals()) {
                System.out.println("  - " + refusal.message());
            }
        }
    }
}
