package dev.homelab.console.ui.charts;

import dev.homelab.console.telemetry.Metric;
import dev.homelab.console.telemetry.Units;
import dev.homelab.console.telemetry.baseline.Change;

/** One row of the comparison tables, as text cells. */
record ComparisonRow(String name, String memoryBefore, String memoryAfter, String memoryChange, String memoryVerdict,
                     String cpuBefore, String cpuAfter, String cpuChange, String cpuVerdict) {

    static ComparisonRow of(String name, Change memory, Change cpu) {
        return new ComparisonRow(name, Units.bytes(memory.before()), Units.bytes(memory.after()),
                Units.signed(Metric.MEMORY, memory.absolute()) + "  " + Units.percent(memory.relative()),
                memory.verdict().text(), Units.cores(cpu.before()), Units.cores(cpu.after()),
                Units.signed(Metric.CPU, cpu.absolute()) + "  " + Units.percent(cpu.relative()), cpu.verdict().text());
    }
}
