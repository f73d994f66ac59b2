package dev.homelab.console.telemetry.history;

import dev.homelab.console.cluster.ServiceRef;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the Prometheus-compatible databases in the cluster by their Services: VictoriaMetrics single
 * ({@code vmsingle-<fullname>:8428}, label {@code app.kubernetes.io/name: vmsingle}) and kube-prometheus-stack's
 * Prometheus ({@code <fullname>-prometheus:9090}, or the operator's headless {@code prometheus-operated:9090}).
 * VictoriaMetrics comes first (it holds the newest data after the migration); one Prometheus per namespace.
 * One list request, made only when history is asked for.
 */
public final class TsdbLocator {

    private TsdbLocator() {
    }

    public static List<Tsdb> locate(KubernetesClient kube) {
        List<Service> services = kube.services().inAnyNamespace().list().getItems();
        return locate(services);
    }

    static List<Tsdb> locate(List<Service> services) {
        List<Tsdb> vm = new ArrayList<>();
        List<Tsdb> prometheus = new ArrayList<>();
        Set<String> prometheusNamespaces = new HashSet<>();
        List<Service> sorted = new ArrayList<>(services);
        // the chart's own Service before the operator's headless one
        sorted.sort((a, b) -> Boolean.compare(isOperated(a), isOperated(b)));
        for (Service service : sorted) {
            String name = service.getMetadata().getName();
            String namespace = service.getMetadata().getNamespace();
            Map<String, String> labels = service.getMetadata().getLabels() == null ? Map.of()
                    : service.getMetadata().getLabels();
            String appName = labels.getOrDefault("app.kubernetes.io/name", "");
            if (appName.equals("vmsingle") || name.startsWith("vmsingle-")) {
                port(service, 8428).ifPresent(p -> vm.add(new Tsdb(Tsdb.Kind.VICTORIA_METRICS,
                        new ServiceRef(namespace, name, p))));
            } else if (isOperated(service) || name.endsWith("-prometheus") || appName.equals("prometheus")
                    || labels.getOrDefault("app", "").endsWith("-prometheus")) {
                if (prometheusNamespaces.add(namespace)) {
                    port(service, 9090).ifPresentOrElse(p -> prometheus.add(new Tsdb(Tsdb.Kind.PROMETHEUS,
                            new ServiceRef(namespace, name, p))), () -> prometheusNamespaces.remove(namespace));
                }
            }
        }
        vm.addAll(prometheus);
        return vm;
    }

    private static boolean isOperated(Service service) {
        return service.getMetadata().getName().equals("prometheus-operated");
    }

    private static java.util.Optional<Integer> port(Service service, int wanted) {
        if (service.getSpec() == null || service.getSpec().getPorts() == null) {
            return java.util.Optional.empty();
        }
        for (ServicePort port : service.getSpec().getPorts()) {
            if (port.getPort() != null && port.getPort() == wanted) {
                return java.util.Optional.of(wanted);
            }
        }
        return java.util.Optional.empty();
    }
}
