package dev.homelab.console.sandbox.api;

import io.fabric8.kubernetes.api.model.metrics.v1beta1.NodeMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;

import java.util.List;

/** What the simulated metrics-server currently reports (metrics.k8s.io); absent nodes/pods have no fresh sample. */
public interface MetricsSource {

    List<NodeMetrics> nodeMetrics();

    List<PodMetrics> podMetrics();
}
