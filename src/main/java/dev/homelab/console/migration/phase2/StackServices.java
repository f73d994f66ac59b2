package dev.homelab.console.migration.phase2;

import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.cluster.ServiceUnreachableException;
import dev.homelab.console.migration.MigrationSettings;
import dev.homelab.console.migration.StepContext;
import dev.homelab.console.stack.vm.StackNames;
import dev.homelab.console.verify.prom.PromApiClient;
import dev.homelab.console.verify.vm.AlertmanagerClient;
import dev.homelab.console.verify.vm.VmAgentClient;
import dev.homelab.console.verify.vm.VmAlertClient;

import java.net.URI;

/** Clients for the installed stack's services, reached through the session's {@link dev.homelab.console.cluster.ServiceAccess}. */
final class StackServices {

    private final StepContext context;
    private final StackNames names;

    StackServices(StepContext context) {
        this.context = context;
        MigrationSettings settings = context.settings();
        this.names = new StackNames(settings.vmReleaseName(), settings.monitoringNamespace());
    }

    StackNames names() {
        return names;
    }

    PromApiClient victoriaMetrics() throws ServiceUnreachableException {
        return new PromApiClient(open(names.vmsingleService(), StackNames.VMSINGLE_PORT), true);
    }

    VmAgentClient vmagent() throws ServiceUnreachableException {
        return new VmAgentClient(open(names.vmagentService(), StackNames.VMAGENT_PORT));
    }

    VmAlertClient vmalert() throws ServiceUnreachableException {
        return new VmAlertClient(open(names.vmalertService(), StackNames.VMALERT_PORT));
    }

    AlertmanagerClient alertmanager() throws ServiceUnreachableException {
        return new AlertmanagerClient(open(names.alertmanagerService(), StackNames.ALERTMANAGER_PORT));
    }

    private URI open(String service, int port) throws ServiceUnreachableException {
        return context.cluster().services().open(new ServiceRef(names.namespace(), service, port)).baseUri();
    }
}
