package dev.homelab.console.cli;

import dev.homelab.console.app.AppDirs;
import dev.homelab.console.sandbox.Sandbox;
import dev.homelab.console.sandbox.SandboxLab;
import dev.homelab.console.sandbox.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sandbox-serve}: runs the simulated home lab on its own and writes a kubeconfig for it, so that another
 * process — the desktop app, this command line, or kubectl-style tools — connects to it exactly as to a real cluster
 * (port-forwards included). Runs until interrupted; the kubeconfig is removed on exit because it then points nowhere.
 */
@Command(name = "sandbox-serve", mixinStandardHelpOptions = true,
        description = "Run the simulated home lab in this process and write a kubeconfig for it (until Ctrl-C).")
public final class SandboxServeCommand implements java.util.concurrent.Callable<Integer> {

    static final String CONTEXT = "homelab-sandbox";

    @Option(names = "--scenario", paramLabel = "NAME|FILE", defaultValue = "default",
            description = "built-in scenario name or scenario YAML file (default: ${DEFAULT-VALUE})")
    String scenario = "default";

    @Option(names = "--kubeconfig", paramLabel = "FILE", defaultValue = "homelab-sandbox.kubeconfig",
            description = "where to write the kubeconfig (default: ${DEFAULT-VALUE})")
    Path kubeconfig = Path.of("homelab-sandbox.kubeconfig");

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE})")
    OutputFormat output = OutputFormat.text;

    /** JSON shape of the line printed once the lab is up. */
    public record Serving(String server, String kubeconfig, String context, String scenario) {
    }

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() {
        return CliSupport.run(() -> {
            Optional<Path> scenarioFile = "default".equals(scenario) ? Optional.empty() : Optional.of(Path.of(scenario));
            if (scenarioFile.isPresent() && !Files.isRegularFile(scenarioFile.get()) && !Sandbox.isBuiltInName(scenario)) {
                throw new CliFailure(ExitCodes.USAGE, "Scenario " + scenario + " is neither a file nor a built-in "
                        + "scenario name; see docs/sandbox.md for the names.");
            }
            SandboxLab lab;
            try {
                lab = Sandbox.start(scenarioFile, AppDirs.fromEnvironment());
            } catch (ScenarioException e) {
                throw new CliFailure(ExitCodes.USAGE, e.getMessage());
            }
            String server = lab.session().identity().serverUrl();
            Path written = writeKubeconfig(server);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(lab, written), "sandbox-serve-stop"));
            Serving serving = new Serving(server, written.toString(), CONTEXT, scenario);
            if (output == OutputFormat.json) {
                CliSupport.printJson(serving);
            } else {
                System.out.println("Sandbox '" + scenario + "' serving on " + server + "; kubeconfig: " + written
                        + " (context " + CONTEXT + "). Stop with Ctrl-C.");
            }
            System.out.flush();
            stopped.await();
            return ExitCodes.OK;
        });
    }

    private Path writeKubeconfig(String server) throws IOException {
        Path target = kubeconfig.toAbsolutePath();
        Path temp = Files.createTempFile(target.getParent(), ".homelab-sandbox", ".tmp");
        Files.writeString(temp, kubeconfigYaml(server));
        return Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The lab's API server has no authentication, like a kubeconfig whose user has no credentials. */
    static String kubeconfigYaml(String server) {
        return "apiVersion: v1\nkind: Config\n"
                + "clusters:\n- name: " + CONTEXT + "\n  cluster:\n    server: " + server + "\n"
                + "contexts:\n- name: " + CONTEXT + "\n  context:\n    cluster: " + CONTEXT + "\n    user: " + CONTEXT
                + "\n    namespace: default\n"
                + "current-context: " + CONTEXT + "\n"
                + "users:\n- name: " + CONTEXT + "\n  user: {}\n";
    }

    private void stop(SandboxLab lab, Path written) {
        try {
            Files.deleteIfExists(written);
            lab.session().close();
            lab.lifecycle().close();
        } catch (Exception e) {
            System.err.println("Stopping the sandbox: " + e.getMessage());
        } finally {
            stopped.countDown();
        }
    }
}
