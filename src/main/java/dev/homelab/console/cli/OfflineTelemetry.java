package dev.homelab.console.cli;

import dev.homelab.console.app.Connector;
import dev.homelab.console.telemetry.Telemetry;

/** The connection and the cluster's telemetry history that the baseline and compare commands work on. */
final class OfflineTelemetry {

    /** A command body that needs the cluster and its history. */
    interface Body {
        int run(Connector.Connected connected, Telemetry telemetry) throws Exception;
    }

    private OfflineTelemetry() {
    }

    /** Connects as the options say, opens the history without sampling, runs {@code body}, closes both. */
    static int run(ConnectionOptions options, Body body) {
        return CliSupport.run(() -> {
            try (Connector.Connected connected = CliSupport.connect(options);
                 Telemetry telemetry = Telemetry.offline(connected.context())) {
                return body.run(connected, telemetry);
            }
        });
    }
}
