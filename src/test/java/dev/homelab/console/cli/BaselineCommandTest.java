package dev.homelab.console.cli;

import dev.homelab.console.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code baseline} and {@code compare} on the sandbox: JSON shapes, texts and exit codes. */
class BaselineCommandTest {

    @RegisterExtension
    final CliRun cli = new CliRun();

    @Test
    void withoutASubcommandTheUsageIsPrinted() {
        assertThat(cli.run("baseline")).isZero();
        assertThat(cli.stdout()).contains("capture", "list", "rename", "delete");
        assertThat(cli.run("migrate")).isZero();
        assertThat(cli.stdout()).contains("plan", "apply", "export");
    }

    @Test
    void listShowsNoBaselinesOfAFreshLabAsJsonAndAsText() {
        assertThat(cli.run("baseline", "list", "--sandbox", "-o", "json")).as(cli.stderr()).isZero();
        JsonNode list = Json.JSON.readTree(cli.stdout());
        assertThat(list.path("baselines").isArray()).isTrue();
        assertThat(list.path("baselines")).isEmpty();
        assertThat(list.has("history")).isTrue();

        assertThat(cli.run("baseline", "list", "--sandbox")).isZero();
        assertThat(cli.stdout()).contains("No baselines yet");
    }

    @Test
    void unknownBaselinesAreUsageErrorsWithTheReason() {
        assertThat(cli.run("baseline", "delete", "nope", "--sandbox", "-o", "json")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.stderr()).contains("No baseline named 'nope'");
        assertThat(cli.stdout()).isEmpty();

        assertThat(cli.run("baseline", "rename", "nope", "other", "--sandbox")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.stderr()).contains("No baseline named 'nope'");

        assertThat(cli.run("compare", "--baseline", "nope", "--sandbox")).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.stderr()).contains("No baseline named 'nope'");
    }
}
