package dev.homelab.console.migration.decommission;

import dev.homelab.console.migration.JournalState;
import dev.homelab.console.migration.MigrationJournal;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.migration.StepRecord;
import dev.homelab.console.testing.MockServerLab;
import dev.homelab.console.verify.CheckResult;
import dev.homelab.console.verify.Verdict;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The resource drop is not judged before a full "after" window has passed since the uninstall. */
@EnableKubernetesMockClient(crud = true, https = false)
class ResourceDropTest {

    KubernetesClient client;
    @TempDir
    Path home;

    @Test
    void rightAfterTheUninstallTheDropIsUnverifiedWithWhenToVerifyAgain() {
        StepContext context = new MockServerLab(client).stepContext(home, DecommissionStep.ID, Map.of());
        String clusterId = context.cluster().identity().clusterId();
        MigrationJournal journal = new MigrationJournal(client, context.dirs(), clusterId);
        Instant started = Instant.now().minusSeconds(60);
        journal.save(JournalState.empty(clusterId).with(StepRecord.notStarted(DecommissionStep.ID, 5)
                .started(started, "test", List.of()), started));

        CheckResult result = ResourceDrop.check(context);

        assertThat(result.verdict()).isEqualTo(Verdict.UNVERIFIED);
        assertThat(result.summary()).contains("verify again from " + started.plus(DecommissionSettings.DEFAULT_AFTER_WINDOW)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
