package dev.homelab.console.app;

import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.helm.ReleaseManager;

/**
 * Everything a capability needs for the connected cluster, real or sandbox: the session (client, identity,
 * service access), Helm releases and the app's folders. Built by the connect flow; the UI and CLI pass it on.
 * {@code owned} is closed last (the sandbox's simulated lab; nothing for a real cluster).
 */
public record ConsoleContext(ClusterSession cluster, ReleaseManager releases, AppDirs dirs, AutoCloseable owned)
        implements AutoCloseable {

    public boolean isSandbox() {
        return cluster.identity().sandbox();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } finally {
            if (owned != null) {
                try {
                    owned.close();
                } catch (Exception e) {
                    org.slf4j.LoggerFactory.getLogger(ConsoleContext.class).warn("Closing {} failed", owned, e);
                }
            }
        }
    }
}
