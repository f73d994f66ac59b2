package dev.homelab.console.reboot.run;

import dev.homelab.console.reboot.RebootResult;
import dev.homelab.console.app.AppDirs;
import dev.homelab.console.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The last reboot test's result ({@code <data>/reboot-test/last-result.json}) and the HTML reports next to it. */
public final class RebootResultStore {

    private final Path folder;

    public RebootResultStore(AppDirs dirs) {
        this.folder = dirs.dataDir("reboot-test");
    }

    public Path folder() {
        return folder;
    }

    public void save(RebootResult result) {
        Path target = folder.resolve("last-result.json");
        Path temp = folder.resolve("last-result.json.tmp");
        try {
            Files.writeString(temp, Json.PRETTY.writeValueAsString(result));
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save the reboot test result to " + target + ": " + e.getMessage(), e);
        }
    }

    public Optional<RebootResult> last() {
        Path file = folder.resolve("last-result.json");
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.JSON.readValue(Files.readString(file), RebootResult.class));
        } catch (IOException | RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(RebootResultStore.class)
                    .warn("The saved reboot test result {} is unreadable; ignoring it", file, e);
            return Optional.empty();
        }
    }

    public Path reportPath(RebootResult result) {
        String stamp = result.startedAt().toString().replace(":", "").replaceAll("\\.\\d+", "");
        return folder.resolve("reboot-test-" + result.node() + "-" + stamp + ".html");
    }
}
