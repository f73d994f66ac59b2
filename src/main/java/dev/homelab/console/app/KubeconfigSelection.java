package dev.homelab.console.app;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Which kubeconfig and context to connect with. A null {@code file} means kubectl's default (KUBECONFIG merged,
 * else ~/.kube/config); a null {@code context} means that kubeconfig's current-context.
 */
public record KubeconfigSelection(Path file, String context) {

    public static KubeconfigSelection defaults() {
        return new KubeconfigSelection(null, null);
    }

    public Optional<Path> fileIfChosen() {
        return Optional.ofNullable(file);
    }

    public Optional<String> contextIfChosen() {
        return Optional.ofNullable(context).filter(c -> !c.isBlank());
    }

    @Override
    public String toString() {
        return (file == null ? "default kubeconfig" : file.toString()) + " / "
                + (context == null ? "current context" : context);
    }
}
