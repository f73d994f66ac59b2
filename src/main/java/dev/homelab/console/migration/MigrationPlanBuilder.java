package dev.homelab.console.migration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Assembles a {@link Migration}: phases are declared with their titles, steps are added in order and land in the
 * phase they name. Phases without steps are left out (nothing is shown that cannot run).
 */
public final class MigrationPlanBuilder {

    private final Map<Integer, String> titles = new LinkedHashMap<>();
    private final Map<Integer, List<MigrationStep>> steps = new LinkedHashMap<>();
    private final Set<String> ids = new HashSet<>();

    public MigrationPlanBuilder phase(int number, String title) {
        titles.put(number, title);
        steps.putIfAbsent(number, new ArrayList<>());
        return this;
    }

    public MigrationPlanBuilder step(MigrationStep step) {
        if (!titles.containsKey(step.phase())) {
            throw new IllegalArgumentException("Step " + step.id() + " names phase " + step.phase()
                    + ", which is not declared");
        }
        if (!ids.add(step.id())) {
            throw new IllegalArgumentException("Two steps share the id " + step.id());
        }
        steps.get(step.phase()).add(step);
        return this;
    }

    public Migration build() {
        List<Phase> phases = new ArrayList<>();
        titles.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            List<MigrationStep> phaseSteps = steps.get(entry.getKey());
            if (!phaseSteps.isEmpty()) {
                phases.add(new Phase(entry.getKey(), entry.getValue(), phaseSteps));
            }
        });
        return new Migration(phases);
    }
}
