package dev.homelab.console.cli;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.app.Connector;
import dev.homelab.console.app.KubeconfigSelection;
import dev.homelab.console.app.Settings;
import dev.homelab.console.cluster.ServiceEndpoint;
import dev.homelab.console.cluster.ServiceRef;
import dev.homelab.console.task.Progress;
import dev.homelab.console.util.Json;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The lab served by one process is a cluster like any other for a second one that only has the kubeconfig. */
class SandboxServeCommandTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessConnectsThroughTheKubeconfigAndReachesLokiByPortForward() throws Exception {
        Path kubeconfig = dir.resolve("lab.kubeconfig");
        Process serving = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx256m", "-Dlogback.configurationFile=none",
                "dev.homelab.console.Launcher", "sandbox-serve", "--kubeconfig", kubeconfig.toString(), "-o", "json")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String line = firstJsonObject(serving);
            Map<?, ?> announced = Json.JSON.readValue(line, Map.class);
            assertThat(announced.get("kubeconfig")).isEqualTo(kubeconfig.toAbsolutePath().toString());
            assertThat(Files.readString(kubeconfig)).contains("current-context: homelab-sandbox")
                    .contains("server: " + announced.get("server"));

            AppDirs dirs = AppDirs.under(dir.resolve("client-home"));
            try (Connector.Connected connected = new Connector(dirs, Settings.load(dirs))
                    .connectWithReport(new KubeconfigSelection(kubeconfig, "homelab-sandbox"), Progress.none())) {
                assertThat(connected.context().cluster().identity().sandbox()).as("a cluster like any other").isFalse();
                assertThat(connected.report().nodeCount()).isEqualTo(4);
                assertThat(connected.report().k3s()).isTrue();
                ServiceEndpoint loki = connected.context().cluster().services().open(new ServiceRef("loki", "loki", 3100));
                assertThat(loki.via()).startsWith("port-forward to pod");
                OkHttpClient http = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(10)).build();
                try (Response ready = http.newCall(new Request.Builder().url(loki.resolve("/ready").toString())
                        .build()).execute()) {
                    assertThat(ready.code()).isEqualTo(200);
                    assertThat(ready.body().string()).contains("ready");
                }
            }
        } finally {
            serving.destroy();
            assertThat(serving.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(kubeconfig));
    }

    /** The JSON object the command prints once the lab is up (pretty-printed: from "{" to the closing "}"). */
    private static String firstJsonObject(Process process) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder json = new StringBuilder();
        String line;
        while ((line = out.readLine()) != null) {
            if (json.length() > 0 || line.startsWith("{")) {
                json.append(line).append('\n');
            }
            if (line.startsWith("}")) {
                return json.toString();
            }
        }
        throw new AssertionError("sandbox-serve exited with " + process.waitFor() + " before announcing the lab");
    }
}
