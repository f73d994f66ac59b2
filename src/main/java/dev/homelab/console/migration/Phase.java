package dev.homelab.console.migration;

import java.util.List;

/** A numbered group of steps ("Phase 2 — Metrics pipeline"). */
public record Phase(int number, String title, List<MigrationStep> steps) {

    public Phase {
        steps = List.copyOf(steps);
    }

    public String label() {
        return "Phase " + number + " — " + title;
    }
}
