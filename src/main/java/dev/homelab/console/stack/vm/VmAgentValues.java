package dev.homelab.console.stack.vm;

import dev.homelab.console.stack.PiProfile.Resources;

import java.util.List;
import java.util.Map;

/** {@code vmagent:} — 30 s scrapes and the disk buffer laid out as {@link VmAgentBuffer} explains (VMAgent spec). */
public record VmAgentValues(String scrapeInterval, VmAgentBuffer buffer, Resources resources,
                            Resources configReloader) {

    public Map<String, Object> toValues() {
        Map<String, Object> spec = OrderedMap.of(
                "scrapeInterval", scrapeInterval,
                "remoteWriteSettings", OrderedMap.of(
                        "tmpDataPath", buffer.hostPath(),
                        "maxDiskUsagePerURL", buffer.maxDiskUsagePerUrl()),
                "volumes", List.of(OrderedMap.of(
                        "name", VmAgentBuffer.VOLUME_NAME,
                        "hostPath", OrderedMap.of("path", buffer.hostPath(), "type", "DirectoryOrCreate"))),
                "volumeMounts", List.of(OrderedMap.of(
                        "name", VmAgentBuffer.VOLUME_NAME,
                        "mountPath", buffer.hostPath())),
                "updateStrategy", "Recreate",
                "nodeSelector", OrderedMap.of("kubernetes.io/hostname", buffer.pinnedNode()),
                "tolerations", buffer.tolerations().isEmpty() ? null
                        : buffer.tolerations().stream().map(VmAgentBuffer.Toleration::toValues).toList(),
                "resources", resources.toValues(),
                "configReloaderResources", configReloader.toValues());
        return OrderedMap.of("enabled", true, "spec", spec);
    }
}
