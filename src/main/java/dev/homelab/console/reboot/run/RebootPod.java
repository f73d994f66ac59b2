package dev.homelab.console.reboot.run;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;

/**
 * The short-lived pod that reboots a node through the API, no SSH: pinned by {@code spec.nodeName}, host PID
 * namespace, privileged, entering PID 1's namespaces to ask the host's systemd for an orderly reboot. busybox is
 * multi-arch (arm64 for the Pi 5) and has nsenter. Tolerates every taint so a cordoned or tainted node still runs it.
 */
public final class RebootPod {

    public static final String IMAGE = "busybox:1.36";
    public static final String APP_LABEL = "homelab-console-reboot";
    public static final String NODE_LABEL = "homelab.dev/reboot-node";
    public static final List<String> COMMAND = List.of("nsenter", "-t", "1", "-m", "-u", "-i", "-n", "-p", "--",
            "systemctl", "reboot");

    private RebootPod() {
    }

    public static String name(String node) {
        String name = "homelab-console-reboot-" + node.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
        return name.length() > 63 ? name.substring(0, 63) : name;
    }

    public static Pod spec(String node) {
        return new PodBuilder()
                .withNewMetadata().withName(name(node)).withNamespace(RebootNamespace.NAME)
                .addToLabels("app.kubernetes.io/name", APP_LABEL)
                .addToLabels("app.kubernetes.io/managed-by", "homelab-console")
                .addToLabels(NODE_LABEL, node)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .withHostPID(true)
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withTerminationGracePeriodSeconds(0L)
                .addNewToleration().withOperator("Exists").endToleration()
                .addNewContainer().withName("reboot").withImage(IMAGE).withCommand(COMMAND)
                .withNewSecurityContext().withPrivileged(true).endSecurityContext()
                .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("10m"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("16Mi")).endResources()
                .endContainer()
                .endSpec().build();
    }

    /** Creates the pod, replacing a leftover from an earlier run. */
    public static void create(KubernetesClient kube, String node) {
        delete(kube, node);
        kube.pods().inNamespace(RebootNamespace.NAME).resource(spec(node)).create();
    }

    /** Deletes the pod and waits (bounded) until it is gone, so a new one with the same name can be created. */
    public static void delete(KubernetesClient kube, String node) {
        var pod = kube.pods().inNamespace(RebootNamespace.NAME).withName(name(node));
        if (pod.get() == null) {
            return;
        }
        pod.withGracePeriod(0).delete();
        pod.waitUntilCondition(java.util.Objects::isNull, 60, java.util.concurrent.TimeUnit.SECONDS);
    }
}
