package dev.homelab.console.sandbox;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.sandbox.scenario.ScenarioException;
import dev.homelab.console.task.CancelledException;
import dev.homelab.console.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lab started ahead of "Start the sandbox": handed over running, or stopped when nobody takes it. */
class SandboxPrestartTest {

    @TempDir
    Path home;

    @Test
    void theLabStartedAheadIsHandedOverRunning() throws Exception {
        SandboxPrestart prestart = SandboxPrestart.begin(Optional.empty(), AppDirs.under(home), Duration.ofMinutes(2));
        assertThat(prestart.isFor(Optional.empty())).isTrue();
        assertThat(prestart.isFor(Optional.of(home.resolve("other.yaml")))).isFalse();

        SandboxLab lab = prestart.take(Progress.none()).orElseThrow();
        try {
            assertThat(lab.session().kube().nodes().list().getItems()).hasSize(4);
            prestart.close(); // taken: closing the prestart leaves the lab alone
            assertThat(lab.session().kube().nodes().list().getItems()).hasSize(4);
        } finally {
            lab.session().close();
            lab.lifecycle().close();
        }
    }

    @Test
    void aDiscardedLabIsNotHandedOver() {
        SandboxPrestart prestart = SandboxPrestart.begin(Optional.empty(), AppDirs.under(home), Duration.ofMinutes(2));
        prestart.close();

        assertThat(prestart.take(Progress.none())).isEmpty();
    }

    @Test
    void aBrokenScenarioFailsWhenTakenWithTheErrorAStartWouldGive() throws Exception {
        Path scenario = Files.writeString(home.resolve("broken.yaml"), "name: broken\nnodes: [\n");
        SandboxPrestart prestart = SandboxPrestart.begin(Optional.of(scenario), AppDirs.under(home),
                Duration.ofMinutes(2));

        assertThatThrownBy(() -> prestart.take(Progress.none())).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("broken.yaml");
    }

    @Test
    void cancellingTheWaitStopsTheLab() {
        SandboxPrestart prestart = SandboxPrestart.begin(Optional.empty(), AppDirs.under(home), Duration.ofMinutes(2));
        Progress cancelled = new Progress() {
            @Override
            public void update(String message, double fraction) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };

        assertThatThrownBy(() -> prestart.take(cancelled)).isInstanceOf(CancelledException.class);
        assertThat(prestart.take(Progress.none())).isEmpty();
    }
}
