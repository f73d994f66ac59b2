package dev.homelab.console.migration.decommission;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.migration.JournalState;
import dev.homelab.console.migration.MigrationJournal;
import dev.homelab.console.migration.MigrationSettings;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepOutputs;
import dev.homelab.console.migration.StepRecord;
import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.sandbox.SandboxOptions;
import dev.homelab.console.sandbox.StackChange;
import dev.homelab.console.sandbox.scenario.ScenarioLoader;
import dev.homelab.console.task.Progress;
import dev.homelab.console.telemetry.Telemetry;
import dev.homelab.console.telemetry.TelemetrySettings;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Evidence;
import dev.homelab.console.verify.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Phase 5's resource-drop check rehearsed end to end in the sandbox: the wizard's automatic baseline (the lab's
 * Prometheus history plus the console's own samples), the new stack installed, the decommission step run for real,
 * then an after window of 1 minute (setting {@code decommission.afterWindowMinutes}) sampled every 5 s. The check
 * waits for the window, then passes with what went and what came as evidence and says the windows differ in length.
 */
class ResourceDropRehearsalTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);
    @TempDir
    Path home;
    private SandboxLab lab;
    private Telemetry telemetry;

    @AfterEach
    void stop() throws Exception {
        if (telemetry != null) {
            telemetry.close();
        }
        if (lab != null) {
            lab.session().close();
            lab.lifecycle().close();
        }
    }

    @Test
    void theDropIsUnverifiedUntilTheAfterWindowIsSampledThenPassesWithPerComponentEvidence() throws Exception {
        // the lab's metrics-server refreshes as often as the console samples
        lab = Sandbox.start(ScenarioLoader.loadDefault(), SandboxOptions.fast(INTERVAL, 0.01));
        ConsoleContext console = new ConsoleContext(lab.session(), lab.releases(), AppDirs.under(home), null);
        telemetry = Telemetry.start(console, new TelemetrySettings(INTERVAL, TelemetrySettings.DEFAULTS.retention(),
                TelemetrySettings.DEFAULTS.maxBytes()));
        StepContext context = new StepContext(console,
                MigrationSettings.defaults().withExtra(DecommissionSettings.AFTER_WINDOW_MINUTES, "1"),
                SecretsProvider.fromLookup(k -> null), new MemoryOutputs(), DecommissionStep.ID);

        Telemetry.EnsuredBaseline baseline = Telemetry.ensureBaseline(console, Duration.ofMinutes(10), Progress.none());
        assertThat(baseline.created()).isTrue();
        assertThat(baseline.baseline().window().components()).containsKey("prometheus");

        StackChange.installNewStack(lab.releases());
        DecommissionStep step = new DecommissionStep();
        Instant started = Instant.now();
        MigrationJournal journal = new MigrationJournal(context.kube(), context.dirs(),
                context.cluster().identity().clusterId());
        journal.save(JournalState.empty(context.cluster().identity().clusterId()).with(
                StepRecord.notStarted(DecommissionStep.ID, 5).started(started, "rehearsal", List.of()), started));
        step.apply(context, step.plan(context), Progress.none());
        Instant removed = Instant.now();
        assertThat(DecommissionStep.targets(context)).isEmpty();

        CheckResult tooEarly = ResourceDrop.check(context);
        assertThat(tooEarly.verdict()).isEqualTo(Verdict.UNVERIFIED);
        assertThat(tooEarly.summary()).contains("verify again from " + started.plus(Duration.ofMinutes(1))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

        // a full minute of samples taken after the uninstall finished, and one more round
        Thread.sleep(Duration.between(Instant.now(), removed.plus(Duration.ofMinutes(1)).plus(INTERVAL.multipliedBy(2)))
                .toMillis());
        CheckResult result = ResourceDrop.check(context);

        assertThat(result.verdict()).as(result.summary() + " " + result.evidence()).isEqualTo(Verdict.PASSED);
        assertThat(result.summary()).contains("MiB less memory in use");
        assertThat(result.evidence()).extracting(Evidence::source)
                .contains("gone: Prometheus", "gone: Alloy", "added: vmsingle", "added: Vector");
        assertThat(result.evidence()).anySatisfy(e -> {
            assertThat(e.source()).isEqualTo("note");
            assertThat(e.observation()).contains("windows differ in length").contains("10 min before, 1 min after");
        });
        assertThat(result.evidence()).filteredOn(e -> e.source().startsWith("memory, all nodes")).singleElement()
                .satisfies(e -> assertThat(e.observation()).contains("decreased"));
    }

    private static final class MemoryOutputs implements StepOutputs {
        private final Map<String, String> values = new HashMap<>();

        @Override
        public Optional<String> get(String stepId, String key) {
            return Optional.ofNullable(values.get(stepId + "/" + key));
        }

        @Override
        public void put(String stepId, String key, String value) {
            values.put(stepId + "/" + key, value);
        }
    }
}
