package dev.homelab.console.migration;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.ConsoleContext;
import dev.homelab.console.cluster.ClusterIdentity;
import dev.homelab.console.cluster.ClusterSession;
import dev.homelab.console.cluster.ServiceAccess;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.helm.ReleaseManager;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** Builds a ConsoleContext for tests over the mock server, with services mapped to local URLs. */
public final class TestConsoles {

    private TestConsoles() {
    }

    public static ConsoleContext console(KubernetesClient kube, ReleaseManager releases, Path home,
                                         Map<ServiceRef, URI> services) {
        ServiceAccess access = new ServiceAccess() {
            @Override
            public ServiceEndpoint open(ServiceRef service) throws ServiceUnreachableException {
                URI url = services.get(service);
                if (url == null) {
                    throw new ServiceUnreachableException(service, "Service " + service + " does not exist", null);
                }
                return new ServiceEndpoint(service, url, "test mapping");
            }

            @Override
            public void close() {
            }
        };
        return new ConsoleContext(new ClusterSession(kube,
                new ClusterIdentity("test", "http://mock", "cluster-1", true), access), releases,
                AppDirs.under(home), null);
    }
}
