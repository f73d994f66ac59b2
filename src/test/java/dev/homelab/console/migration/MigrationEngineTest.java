package dev.homelab.console.migration;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.cluster.ClusterIdentity;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.cluster.ServiceAccess;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.task.CancelledException;
import dev.homelab.console.task.Progress;
import dev.homelab.console.util.Json;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@EnableKubernetesMockClient(crud = true, https = false)
class MigrationEngineTest {

    KubernetesClient client;
    @TempDir
    Path home;

    FakeReleaseManager releases;
    ScriptedStep first;
    ScriptedStep second;
    Migration migration;
    ConsoleContext console;

    @BeforeEach
    void setUp() {
        releases = new FakeReleaseManager();
        first = new ScriptedStep("first", 1);
        second = new ScriptedStep("second", 1);
        migration = new MigrationPlanBuilder().phase(1, "Test phase").phase(2, "Empty").step(first).step(second)
                .build();
        ServiceAccess noServices = new ServiceAccess() {
            @Override
            public ServiceEndpoint open(ServiceRef service) throws ServiceUnreachableException {
                throw new ServiceUnreachableException(service, "no services in this test", null);
            }

            @Override
            public void close() {
            }
        };
        console = new ConsoleContext(new ClusterSession(client,
                new ClusterIdentity("test", "http://mock", "cluster-1", true), noServices), releases,
                AppDirs.under(home), null);
    }

    MigrationEngine engine(String identity, Clock clock) {
        return new MigrationEngine(console, migration, SecretsProvider.fromLookup(name -> null),
                new MigrationLock(client, identity, Duration.ofSeconds(60), clock), clock);
    }

    MigrationEngine engine() {
        return engine("me@here pid 1", Clock.systemUTC());
    }

    @Test
    void phasesWithoutStepsAreLeftOut() {
        assertThat(migration.phases()).extracting(Phase::number).containsExactly(1);
    }

    @Test
    void blockingPreflightStopsApplyAndNothingChanges() {
        first.preflight.add(PreflightCheck.blocking("sc", "Storage class", "no StorageClass found",
                "install local-path"));
        MigrationEngine engine = engine();

        StepRun run = engine.apply("first", null, Progress.none());

        assertThat(run.outcome()).isEqualTo(StepRun.Outcome.BLOCKED);
        assertThat(run.error()).contains("no StorageClass found").contains("install local-path");
        assertThat(first.applyCalls).hasValue(0);
        assertThat(client.configMaps().inNamespace("default").withName("first").get()).isNull();
        assertThat(engine.record("first").state()).isEqualTo(StepState.BLOCKED);
    }

    @Test
    void preflightMarksReadyWhenNothingBlocks() {
        first.preflight.add(PreflightCheck.warning("w", "Something", "odd", "look"));
        MigrationEngine engine = engine();

        assertThat(engine.preflight("first")).hasSize(1);
        assertThat(engine.record("first").state()).isEqualTo(StepState.READY);
    }

    @Test
    void applyJournalsInTheClusterAndLocallyThenVerifiesWithEvidence() throws Exception {
        MigrationEngine engine = engine();

        StepRun run = engine.apply("first", engine.plan("first"), Progress.none());

        assertThat(run.outcome()).isEqualTo(StepRun.Outcome.APPLIED);
        assertThat(run.verifiedGreen()).isTrue();
        ConfigMap journal = client.configMaps().inNamespace("homelab-console").withName("homelab-console-journal")
                .get();
        JournalState stored = Json.JSON.readValue(journal.getData().get("journal.json"), JournalState.class);
        StepRecord record = stored.steps().get("first");
        assertThat(record.state()).isEqualTo(StepState.DONE);
        assertThat(record.startedAt()).isNotNull();
        assertThat(record.finishedAt()).isNotNull();
        assertThat(record.evidence()).singleElement().asString().startsWith("PASSED Marker present");
        assertThat(record.outputs()).containsEntry("marker", "default/first");
        Path mirror = home.resolve("data/journals/cluster-1.json");
        assertThat(Files.readString(mirror)).contains("\"first\"").contains("DONE");
        assertThat(engine.phaseState(migration.phases().get(0))).isEqualTo(StepState.READY);
    }

    @Test
    void aStepThatIsAlreadyDoneIsNotAppliedAgain() {
        MigrationEngine engine = engine();
        engine.apply("first", null, Progress.none());

        StepRun again = engine.apply("first", null, Progress.none());

        assertThat(again.outcome()).isEqualTo(StepRun.Outcome.ALREADY_DONE);
        assertThat(first.applyCalls).hasValue(1);
        assertThat(again.verifiedGreen()).isTrue();
    }

    @Test
    void planMasksSecretsAndDiffsAgainstTheInstalledRelease() {
        first.onApply = ScriptedStep.OnApply.HELM_INSTALL;
        MigrationEngine engine = engine();

        StepPlan plan = engine.plan("first");

        PlannedChange helm = plan.changes().get(0);
        assertThat(helm.kind()).isEqualTo(ChangeKind.HELM_INSTALL);
        assertThat(helm.maskedValues()).doesNotContain("hunter22").contains("password: " + SecretMasker.MASK);
        assertThat(helm.diff()).contains("+password: " + SecretMasker.MASK, "+replicas: 1");
        assertThat(helm.diff().get(0)).startsWith("--- not installed");
    }

    @Test
    void aStepInterruptedByACrashIsOfferedForRetryAfterRestart() {
        second.onApply = ScriptedStep.OnApply.DIE;
        MigrationEngine crashed = engine("me@here pid 1", Clock.systemUTC());
        assertThatThrownBy(() -> crashed.apply("second", null, Progress.none()))
                .isInstanceOf(ScriptedStep.SimulatedCrash.class);

        MigrationEngine restarted = engine("me@here pid 2", Clock.systemUTC());
        assertThat(restarted.interrupted()).extracting(StepRecord::stepId).containsExactly("second");
        List<InterruptedStep> resumed = restarted.resume(Progress.none());

        assertThat(resumed).singleElement().satisfies(i -> {
            assertThat(i.nowState()).isEqualTo(StepState.FAILED);
            assertThat(i.startedBy()).isEqualTo("me@here pid 1");
        });
        assertThat(restarted.record("second").lastError()).startsWith("Interrupted");
        second.onApply = ScriptedStep.OnApply.SUCCEED;
        assertThat(restarted.apply("second", null, Progress.none()).outcome()).isEqualTo(StepRun.Outcome.APPLIED);
    }

    @Test
    void anInterruptedStepWhoseEffectIsPresentIsMarkedDone() {
        second.onApply = ScriptedStep.OnApply.DIE;
        assertThatThrownBy(() -> engine().apply("second", null, Progress.none()))
                .isInstanceOf(ScriptedStep.SimulatedCrash.class);
        client.resource(new ConfigMapBuilder().withNewMetadata().withName("second").withNamespace("default")
                .endMetadata().build()).create();

        MigrationEngine restarted = engine("me@here pid 2", Clock.systemUTC());
        restarted.resume(Progress.none());

        assertThat(restarted.record("second").state()).isEqualTo(StepState.DONE);
    }

    @Test
    void aLockHeldByAnotherConsoleStopsApplyAndNamesTheHolder() {
        Clock now = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"), ZoneOffset.UTC);
        MigrationLock other = new MigrationLock(client, "bob@desk pid 77", Duration.ofSeconds(60), now);
        MigrationLock.Held held = other.acquire();
        try {
            MigrationEngine engine = engine("me@here pid 1", now);
            assertThat(engine.lockHolder()).contains("bob@desk pid 77");
            assertThatThrownBy(() -> engine.apply("first", null, Progress.none()))
                    .isInstanceOf(LockHeldException.class)
                    .hasMessageContaining("bob@desk pid 77")
                    .hasMessageContaining("2026-11-26T08:01:00Z");
            assertThat(first.applyCalls).hasValue(0);

            MigrationEngine later = engine("me@here pid 1", Clock.offset(now, Duration.ofSeconds(61)));
            assertThat(later.apply("first", null, Progress.none()).outcome()).isEqualTo(StepRun.Outcome.APPLIED);
        } finally {
            held.close();
        }
    }

    @Test
    void theLockIsReleasedAfterApply() {
        engine().apply("first", null, Progress.none());

        MigrationEngine another = engine("someone@else pid 9", Clock.systemUTC());
        assertThat(another.lockHolder()).isEmpty();
        assertThat(another.apply("second", null, Progress.none()).outcome()).isEqualTo(StepRun.Outcome.APPLIED);
    }

    @Test
    void undoReversesTheStepAndJournalsIt() {
        MigrationEngine engine = engine();
        engine.apply("first", null, Progress.none());

        engine.undo("first", Progress.none());

        assertThat(client.configMaps().inNamespace("default").withName("first").get()).isNull();
        assertThat(engine.record("first").state()).isEqualTo(StepState.UNDONE);
        assertThat(engine.record("first").evidence()).isEmpty();
    }

    @Test
    void cancellingApplyLeavesTheStepFailedForRetryOrUndo() throws Exception {
        first.onApply = ScriptedStep.OnApply.WAIT_FOR_CANCEL;
        MigrationEngine engine = engine();
        AtomicBoolean cancelled = new AtomicBoolean();
        Progress progress = new Progress() {
            @Override
            public void update(String message, double fraction) {
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
        CompletableFuture<StepRun> run = CompletableFuture.supplyAsync(() -> engine.apply("first", null, progress));
        assertThat(first.applyStarted.await(10, TimeUnit.SECONDS)).isTrue();
        cancelled.set(true);

        assertThatThrownBy(() -> run.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(CancelledException.class);
        assertThat(engine.record("first").state()).isEqualTo(StepState.FAILED);
        assertThat(engine.record("first").lastError()).contains("Cancelled");
    }

    @Test
    void aFailedInstallIsJournaledWithHelmsMessageAndRolledBackByUninstallWhenNew() {
        first.onApply = ScriptedStep.OnApply.HELM_INSTALL;
        releases.failInstallWith = "context deadline exceeded: timed out waiting for the condition";
        MigrationEngine engine = engine();

        StepRun run = engine.apply("first", null, Progress.none());

        assertThat(run.outcome()).isEqualTo(StepRun.Outcome.FAILED);
        assertThat(run.error()).isEqualTo("context deadline exceeded: timed out waiting for the condition");
        assertThat(engine.record("first").releases()).containsExactly(new ReleaseTouch("default", "rel-first", 0));

        engine.cleanUpFailure("first", FailureCleanup.ROLLBACK, Progress.none());

        assertThat(releases.calls).contains("uninstall default/rel-first");
        assertThat(releases.get("default", "rel-first")).isEmpty();
        assertThat(engine.record("first").state()).isEqualTo(StepState.UNDONE);
    }

    @Test
    void aFailedUpgradeIsRolledBackToThePreviousRevision() throws Exception {
        first.onApply = ScriptedStep.OnApply.HELM_INSTALL;
        releases.installOrUpgrade(first.request(), Progress.none());
        releases.failInstallWith = "UPGRADE FAILED: pods not ready";
        MigrationEngine engine = engine();

        StepRun run = engine.apply("first", null, Progress.none());
        assertThat(run.outcome()).isEqualTo(StepRun.Outcome.FAILED);
        engine.cleanUpFailure("first", FailureCleanup.ROLLBACK, Progress.none());

        assertThat(releases.calls).contains("rollback default/rel-first 1");
        assertThat(releases.get("default", "rel-first")).get().extracting(r -> r.status()).isEqualTo("deployed");
    }

    @Test
    void uninstallCleanupRunsTheStepsUndo() {
        first.onApply = ScriptedStep.OnApply.HELM_INSTALL;
        releases.failInstallWith = "boom";
        MigrationEngine engine = engine();
        engine.apply("first", null, Progress.none());

        engine.cleanUpFailure("first", FailureCleanup.UNINSTALL, Progress.none());

        assertThat(releases.calls).contains("uninstall default/rel-first");
        assertThat(engine.record("first").state()).isEqualTo(StepState.UNDONE);
    }

    @Test
    void applyPhaseStopsAtTheFirstFailure() {
        first.onApply = ScriptedStep.OnApply.THROW;
        MigrationEngine engine = engine();

        List<StepRun> runs = engine.applyPhase(1, Progress.none());

        assertThat(runs).extracting(StepRun::outcome).containsExactly(StepRun.Outcome.FAILED);
        assertThat(second.applyCalls).hasValue(0);
        assertThat(engine.phaseState(migration.phases().get(0))).isEqualTo(StepState.FAILED);
    }
}
