package dev.homelab.console.migration.phase2;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.migration.Migration;
import dev.homelab.console.migration.MigrationEngine;
import dev.homelab.console.migration.MigrationLock;
import dev.homelab.console.migration.MigrationPlanBuilder;
import dev.homelab.console.migration.SecretsProvider;
import dev.homelab.console.migration.StepRun;
import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.sandbox.charts.ChartCatalog;
import org.junit.jupiter.api.Assumptions;
import dev.homelab.console.task.Progress;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Phase 2 in the built-in sandbox (the default home lab with kube-prometheus-stack), through the real engine. */
class Phase2SandboxTest {

    @TempDir
    Path home;
    SandboxLab lab;

    @AfterEach
    void stop() throws Exception {
        if (lab != null) {
            lab.session().close();
            lab.lifecycle().close();
        }
    }

    @Test
    void installsTheStackVerifiesItAndProvesPushoverDeliveryInTheSandbox() {
        Assumptions.assumeTrue(new ChartCatalog().chart("victoria-metrics-k8s-stack").isPresent(),
                "the sandbox's chart catalog has no victoria-metrics-k8s-stack yet (sandbox.charts)");
        AppDirs dirs = AppDirs.under(home);
        lab = Sandbox.start(Optional.empty(), dirs);
        ConsoleContext console = new ConsoleContext(lab.session(), lab.releases(), dirs, null);
        Migration migration = new MigrationPlanBuilder().phase(2, "Metrics pipeline")
                .step(new PushoverSecretStep())
                .step(new VmStackInstallStep(Clock.systemUTC(), Duration.ofSeconds(60), Duration.ofSeconds(1)))
                .step(new PushoverTestStep(Clock.systemUTC(), Duration.ofSeconds(30), Duration.ofMillis(500)))
                .build();
        MigrationEngine engine = new MigrationEngine(console, migration,
                SecretsProvider.fromLookup(Map.of("ALERTMANAGER_PUSHOVER_TOKEN", "azGDORePK8gMaC0QOYAMyEEuzJnyUi",
                        "PUSHOVER_USER_KEY", "uQiRzpo4DXghDmr9QzzfQu27cmVRsG")::get),
                new MigrationLock(lab.session().kube(), "test@sandbox pid 1", Duration.ofSeconds(60),
                        Clock.systemUTC()), Clock.systemUTC());

        // The sandbox's operator Deployment carries no VM_ENABLEDPROMETHEUSCONVERTEROWNERREFERENCES env yet, so it runs
        // with ownership off; with ownership on the check would (rightly) report the mismatch. Phase2StepsTest covers
        // ownership on.
        engine.updateSettings(engine.settings().withExtra(StackDetection.OWNERSHIP_SETTING, "false"));
        for (StepRun run : engine.applyPhase(2, Progress.none())) {
            assertThat(run.error()).as(run.stepId()).isNull();
            assertThat(run.verification()).as(run.stepId() + ": " + run.verification())
                    .extracting(CheckResult::verdict).containsOnly(Verdict.PASSED);
        }
    }
}
