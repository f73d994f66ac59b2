package dev.homelab.console.verify.prom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTextTest {

    @Test
    void parsesNamesLabelsValuesAndSkipsComments() {
        MetricsText text = MetricsText.parse("""
                # HELP alertmanager_notifications_total The total number of attempted notifications.
                # TYPE alertmanager_notifications_total counter
                alertmanager_notifications_total{integration="pushover"} 3
                alertmanager_notifications_total{integration="webhook"} 5
                alertmanager_notifications_failed_total{integration="pushover",reason="other"} 2
                vmagent_remotewrite_pending_data_bytes{path="/tmp/q",url="1:secret-url"} 345000
                process_start_time_seconds 1.7e9
                weird_label{msg="a \\"quoted\\", value"} NaN
                """);

        assertThat(text.sum("alertmanager_notifications_total", l -> "pushover".equals(l.get("integration"))))
                .isEqualTo(3);
        assertThat(text.sum("alertmanager_notifications_total")).isEqualTo(8);
        assertThat(text.sum("alertmanager_notifications_failed_total")).isEqualTo(2);
        assertThat(text.named("vmagent_remotewrite_pending_data_bytes").get(0).label("url")).isEqualTo("1:secret-url");
        assertThat(text.sum("process_start_time_seconds")).isEqualTo(1.7e9);
        assertThat(text.named("weird_label").get(0).label("msg")).isEqualTo("a \"quoted\", value");
        assertThat(text.sum("absent_metric")).isNaN();
    }
}
