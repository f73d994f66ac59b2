package dev.homelab.console.migration;

import java.util.List;
import java.util.Optional;

/** The whole migration: its phases in order, each with its steps in order. */
public record Migration(List<Phase> phases) {

    public Migration {
        phases = List.copyOf(phases);
    }

    public Optional<Phase> phase(int number) {
        return phases.stream().filter(p -> p.number() == number).findFirst();
    }

    public Optional<MigrationStep> step(String id) {
        return steps().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public List<MigrationStep> steps() {
        return phases.stream().flatMap(p -> p.steps().stream()).toList();
    }
}
