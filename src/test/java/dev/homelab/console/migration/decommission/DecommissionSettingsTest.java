package dev.homelab.console.migration.decommission;

import dev.homelab.console.migration.MigrationSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecommissionSettingsTest {

    @Test
    void defaultsApplyWhenNothingIsSet() {
        MigrationSettings settings = MigrationSettings.defaults();
        assertThat(DecommissionSettings.minimumHistory(settings)).isEqualTo(DecommissionGate.DEFAULT_MINIMUM_HISTORY);
        assertThat(DecommissionSettings.afterWindow(settings)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void rehearsalValuesAreRead() {
        MigrationSettings settings = MigrationSettings.defaults()
                .withExtra(DecommissionSettings.MIN_HISTORY_HOURS, "0")
                .withExtra(DecommissionSettings.AFTER_WINDOW_MINUTES, " 2 ");
        assertThat(DecommissionSettings.minimumHistory(settings)).isZero();
        assertThat(DecommissionSettings.afterWindow(settings)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void badValuesSayWhichSettingAndHowToFixIt() {
        MigrationSettings zeroWindow = MigrationSettings.defaults().withExtra(DecommissionSettings.AFTER_WINDOW_MINUTES, "0");
        assertThatThrownBy(() -> DecommissionSettings.afterWindow(zeroWindow))
                .hasMessageContaining("decommission.afterWindowMinutes").hasMessageContaining("≥ 1")
                .hasMessageContaining("--set");
        MigrationSettings text = MigrationSettings.defaults().withExtra(DecommissionSettings.MIN_HISTORY_HOURS, "a day");
        assertThatThrownBy(() -> DecommissionSettings.minimumHistory(text))
                .hasMessageContaining("'a day'").hasMessageContaining("hours");
    }
}
