package dev.homelab.console.stack.vm;

import dev.homelab.console.stack.PiProfile.Resources;

import java.util.List;
import java.util.Map;

/** {@code vmsingle:} — retention and a persistent volume on the chosen StorageClass (VMSingle CR spec). */
public record VmSingleValues(String retention, String storageClass, String storageSize, Resources resources) {

    public Map<String, Object> toValues() {
        Map<String, Object> storage = OrderedMap.of(
                "storageClassName", storageClass,
                "accessModes", List.of("ReadWriteOnce"),
                "resources", OrderedMap.of("requests", OrderedMap.of("storage", storageSize)));
        return OrderedMap.of(
                "enabled", true,
                "spec", OrderedMap.of(
                        "retentionPeriod", retention,
                        "storage", storage,
                        "removePvcAfterDelete", false,
                        "resources", resources.toValues()));
    }
}
