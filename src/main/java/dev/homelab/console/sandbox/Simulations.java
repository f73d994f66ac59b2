package dev.homelab.console.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The simulated in-cluster services, by the key the sandbox puts in the label {@code sandbox.homelab.dev/simulation}
 * of their Services. Keys in use: minio, loki, vmsingle, vmagent, vmalert, alertmanager, kps-alertmanager, grafana,
 * prometheus, vector. Each capability registers its simulation here with one line in the static block.
 */
public final class Simulations {

    private static final Map<String, SimulationFactory> FACTORIES = new LinkedHashMap<>();

    static {
        register("minio", dev.homelab.console.sandbox.s3.MinioSimulation::new);
        register("vmsingle", dev.homelab.console.sandbox.vm.SimulatedVmSingle::new);
        register("vmagent", dev.homelab.console.sandbox.vm.SimulatedVmAgent::new);
        register("vmalert", dev.homelab.console.sandbox.vm.SimulatedVmAlert::new);
        register("alertmanager", dev.homelab.console.sandbox.vm.SimulatedAlertmanager::new);
        register("prometheus", dev.homelab.console.sandbox.vm.SimulatedPrometheus::new);
        register(dev.homelab.console.sandbox.loki.LokiSimulation.KEY, dev.homelab.console.sandbox.loki.LokiSimulation::new);
        register("vector", dev.homelab.console.sandbox.vector.SimulatedVector::new);
        register("grafana", dev.homelab.console.sandbox.grafana.GrafanaSimulation::new);
    }

    private Simulations() {
    }

    public static synchronized void register(String key, SimulationFactory factory) {
        FACTORIES.put(key, factory);
    }

    public static synchronized Optional<SimulationFactory> factory(String key) {
        return Optional.ofNullable(FACTORIES.get(key));
    }

    public static synchronized Set<String> keys() {
        return Set.copyOf(FACTORIES.keySet());
    }
}
