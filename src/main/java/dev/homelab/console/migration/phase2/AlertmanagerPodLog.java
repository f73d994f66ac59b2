package dev.homelab.console.migration.phase2;

import dev.homelab.console.stack.vm.StackNames;
import dev.homelab.console.verify.vm.NotificationLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** The log of the stack's Alertmanager pod ({@code vmalertmanager-<name>-0}, container {@code alertmanager}). */
final class AlertmanagerPodLog implements NotificationLog {

    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerPodLog.class);
    private final KubernetesClient kube;
    private final StackNames names;

    AlertmanagerPodLog(KubernetesClient kube, StackNames names) {
        this.kube = kube;
        this.names = names;
    }

    @Override
    public List<String> linesSince(Instant since) {
        String pod = names.alertmanagerStatefulSet() + "-0";
        try {
            String log = kube.pods().inNamespace(names.namespace()).withName(pod).inContainer("alertmanager")
                    .sinceTime(since.minusSeconds(5).toString()).getLog();
            return log == null ? List.of() : Arrays.asList(log.split("\n"));
        } catch (KubernetesClientException e) {
            LOG.info("Cannot read the log of pod {}/{}: {}", names.namespace(), pod, e.getMessage());
            return List.of();
        }
    }
}
