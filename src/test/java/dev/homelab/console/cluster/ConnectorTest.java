package dev.homelab.console.cluster;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.Connector;
import dev.homelab.console.app.KubeconfigSelection;
import dev.homelab.console.app.Settings;
import dev.homelab.console.task.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real connect path against the mock API server: kubeconfig → checked session → remembered choice. */
class ConnectorTest {

    @TempDir
    Path dir;

    @Test
    void connectsChecksAndRemembersTheKubeconfigAndContext() throws Exception {
        try (MockCluster cluster = new MockCluster(true)) {
            Path kubeconfig = cluster.kubeconfig(dir);
            AppDirs dirs = AppDirs.under(dir.resolve("app"));
            Connector connector = new Connector(dirs, Settings.load(dirs));
            assertThat(connector.lastSelection()).isEmpty();
            try (Connector.Connected connected = connector.connectWithReport(
                    new KubeconfigSelection(kubeconfig, null), Progress.none())) {
                ClusterIdentity identity = connected.context().cluster().identity();
                assertThat(identity.contextName()).isEqualTo("homelab");
                assertThat(identity.sandbox()).isFalse();
                assertThat(identity.clusterId()).isEqualTo(connected.report().clusterId()).isNotBlank();
                assertThat(connected.report().k3s()).isTrue();
                assertThat(connected.context().cluster().services()).isInstanceOf(PortForwardServiceAccess.class);
                assertThat(connected.context().releases().list()).isEmpty();
            }
            Connector later = new Connector(dirs, Settings.load(dirs));
            assertThat(later.lastSelection()).contains(new KubeconfigSelection(kubeconfig, "homelab"));
        }
    }
}
