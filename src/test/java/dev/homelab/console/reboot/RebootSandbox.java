package dev.homelab.console.reboot;

import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.sandbox.SandboxOptions;
import dev.homelab.console.sandbox.scenario.Scenario;
import dev.homelab.console.sandbox.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Shared sandbox labs for the reboot tests: the built-in {@code migrated} lab (victoria-metrics-k8s-stack, Vector,
 * Loki — what Phases 2 and 3 leave behind) with extra faults, 25x faster than real time (a reboot takes 3 s, a
 * scrape interval is 1.2 s). One lab per test class: starting one costs seconds.
 */
public final class RebootSandbox {

    public static final double TIME_SCALE = 0.04;

    private RebootSandbox() {
    }

    /** The migrated lab plus the given scenario fault lines (e.g. {@code "- {type: vmagent-buffer-emptydir}"}). */
    public static SandboxLab migrated(String... faultLines) {
        return migrated(java.util.function.UnaryOperator.identity(), faultLines);
    }

    /** The migrated lab with its scenario text edited first (e.g. its timing). */
    public static SandboxLab migrated(java.util.function.UnaryOperator<String> edit, String... faultLines) {
        String yaml = edit.apply(builtIn("migrated"));
        if (faultLines.length > 0) {
            yaml = yaml + "faults:\n" + String.join("", java.util.Arrays.stream(faultLines)
                    .map(line -> "  " + line + "\n").toList());
        }
        Scenario scenario = ScenarioLoader.parse(yaml, "migrated.yaml");
        return Sandbox.start(scenario, SandboxOptions.fast(Duration.ofSeconds(1), TIME_SCALE));
    }

    public static void stop(SandboxLab lab) throws Exception {
        if (lab != null) {
            lab.session().close();
            lab.lifecycle().close();
        }
    }

    private static String builtIn(String name) {
        try (InputStream in = RebootSandbox.class.getResourceAsStream("/sandbox/scenarios/" + name + ".yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
