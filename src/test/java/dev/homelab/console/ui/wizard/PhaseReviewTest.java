package dev.homelab.console.ui.wizard;

import dev.homelab.console.migration.MigrationStep;
import dev.homelab.console.migration.PreflightCheck;
import dev.homelab.console.migration.decommission.DecommissionStep;
import dev.homelab.console.migration.decommission.HistoryCopyStep;
import dev.homelab.console.migration.phase2.BaselineStep;
import dev.homelab.console.migration.phase2.PushoverSecretStep;
import dev.homelab.console.migration.phase2.VmStackInstallStep;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which blocking checks of a phase review only wait for an earlier step of the same review. */
class PhaseReviewTest {

    @Test
    void aCheckNamingAnEarlierStepByTitleOrIdWaitsForIt() {
        List<MigrationStep> earlier = List.of(new BaselineStep(), new PushoverSecretStep());
        PreflightCheck secretMissing = PreflightCheck.blocking("pushover-secret", "Pushover Secret",
                "Secret monitoring/alertmanager-pushover does not exist", "Run the step \""
                        + new PushoverSecretStep().title() + "\" first");
        PreflightCheck leftovers = PreflightCheck.blocking("installed", "kube-prometheus-stack and Alloy are "
                + "uninstalled", "still installed: monitoring/alloy", "Run the step \"" + DecommissionStep.ID
                + "\" first; its leftovers only exist after the uninstall");

        assertThat(PhaseReview.waitsFor(secretMissing, earlier)).isTrue();
        assertThat(PhaseReview.waitsFor(leftovers, List.of(new HistoryCopyStep(), new DecommissionStep()))).isTrue();
    }

    @Test
    void aCheckTheEarlierStepsCannotLiftBlocks() {
        PreflightCheck history = PreflightCheck.blocking("gate.history", "VictoriaMetrics has held data for 24 h",
                "oldest sample 10 min ago; 23 h to go", "Wait, or lower the setting "
                        + "decommission.minimumHistoryHours if you accept less history");
        PreflightCheck secretMissing = PreflightCheck.blocking("pushover-secret", "Pushover Secret",
                "Secret monitoring/alertmanager-pushover does not exist", "Run the step \""
                        + new PushoverSecretStep().title() + "\" first");

        assertThat(PhaseReview.waitsFor(history, List.of(new HistoryCopyStep()))).isFalse();
        assertThat(PhaseReview.waitsFor(secretMissing, List.of(new VmStackInstallStep())))
                .as("the step it needs is not among those that run before").isFalse();
        assertThat(PhaseReview.waitsFor(secretMissing, List.of())).isFalse();
    }
}
