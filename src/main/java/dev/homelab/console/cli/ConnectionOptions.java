package dev.homelab.console.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options every cluster command shares (a picocli mixin): which cluster, and how to print.
 * {@code --sandbox} with no file starts the default simulated home lab.
 */
public final class ConnectionOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "kubeconfig file (default: $KUBECONFIG, else ~/.kube/config)")
    public Path kubeconfig;

    @Option(names = "--context", paramLabel = "NAME", description = "kubeconfig context (default: current-context)")
    public String context;

    @Option(names = "--sandbox", arity = "0..1", paramLabel = "SCENARIO", fallbackValue = "default",
            description = "use the built-in simulated home lab, optionally with a scenario YAML file or a built-in "
                    + "scenario name (e.g. migrated: after Phases 2 and 3; lossy-buffer)")
    public String sandbox;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE})")
    public OutputFormat output = OutputFormat.text;

    public boolean useSandbox() {
        return sandbox != null;
    }
}
