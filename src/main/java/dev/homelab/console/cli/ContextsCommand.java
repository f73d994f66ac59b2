package dev.homelab.console.cli;

import dev.homelab.console.cluster.ContextEntry;
import dev.homelab.console.cluster.KubeconfigContexts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code contexts}: the kubeconfig contexts as kubectl merges them, with the current one marked. */
@Command(name = "contexts", mixinStandardHelpOptions = true,
        description = "List kubeconfig contexts (KUBECONFIG merged like kubectl, else ~/.kube/config).")
public final class ContextsCommand implements Callable<Integer> {

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "read this file instead")
    Path kubeconfig;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text or json (default: ${DEFAULT-VALUE})")
    OutputFormat output = OutputFormat.text;

    /** JSON shape of {@code contexts --output json}. */
    public record ContextsResult(List<String> files, String currentContext, List<ContextEntry> contexts) {
    }

    @Override
    public Integer call() {
        return CliSupport.run(() -> {
            KubeconfigContexts contexts = kubeconfig == null ? KubeconfigContexts.load()
                    : KubeconfigContexts.load(kubeconfig);
            String current = contexts.currentContext().orElse(null);
            if (output == OutputFormat.json) {
                CliSupport.printJson(new ContextsResult(contexts.files().stream().map(Path::toString).toList(),
                        current, contexts.contexts()));
            } else if (contexts.isEmpty()) {
                System.out.println(contexts.files().isEmpty()
                        ? "No kubeconfig found ($KUBECONFIG or ~/.kube/config); pass --kubeconfig FILE, "
                        + "or rehearse with: status --sandbox"
                        : "No contexts in " + contexts.files());
            } else {
                System.out.printf("%-2s%-28s %-22s %-18s %-14s %s%n", "", "NAME", "CLUSTER", "USER", "NAMESPACE",
                        "SERVER");
                for (ContextEntry entry : contexts.contexts()) {
                    System.out.printf("%-2s%-28s %-22s %-18s %-14s %s%n", entry.name().equals(current) ? "*" : "",
                            entry.name(), entry.cluster(), entry.user(), entry.namespace(), entry.server());
                }
            }
            return ExitCodes.OK;
        });
    }
}
