package dev.homelab.console.sandbox.vm;

import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

import java.util.Map;

/**
 * VictoriaMetrics single (port 8428): the read API over the scrape model, {@code /health}, {@code /metrics}, and the
 * vmalert proxy at {@code /vmalert/...} as the chart configures it ({@code -vmalert.proxyURL}).
 */
public final class SimulatedVmSingle implements SimulatedService {

    private final VmLab lab;
    private final PromApiSimulation api;
    private final SimulatedVmAlert vmalert;

    public SimulatedVmSingle(SandboxWorld world) {
        this.lab = VmLab.of(world);
        this.api = new PromApiSimulation(new UpSeries(lab.model(), Map.of()), true);
        this.vmalert = new SimulatedVmAlert(world);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/health")) {
            return SimHttp.text(200, "OK");
        }
        if (path.equals("/metrics")) {
            return SimHttp.text(200, "vm_rows_inserted_total{type=\"promremotewrite\"} "
                    + lab.model().scrapesSoFar() + "\nvm_free_disk_space_bytes 1.8e+10\nvm_data_size_bytes{type=\"storage/small\"} "
                    + lab.model().scrapesSoFar() * 2 + "\n");
        }
        if (path.startsWith("/vmalert/")) {
            return vmalert.dispatch(request, path.substring("/vmalert".length()));
        }
        MockResponse answer = api.dispatch(request, lab.model().now());
        return answer != null ? answer : SimHttp.notFound(request);
    }
}
