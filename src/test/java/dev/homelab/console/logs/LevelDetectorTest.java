package dev.homelab.console.logs;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LevelDetectorTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "level=error ts=2026-11-26T07:00:00Z caller=main.go:1 msg=\"boom\"            | ERROR",
            "ts=2026-11-26T07:00:00Z level=warn msg=\"slow\"                               | WARNING",
            "logger=context level=info msg=\"ok\"                                           | INFO",
            "lvl=dbug msg=\"x\"                                                             | DEBUG",
            "{\"level\":\"fatal\",\"msg\":\"out of memory\"}                                | CRITICAL",
            "{\"ts\":1,\"severity\":\"WARNING\",\"message\":\"m\"}                           | WARNING",
            "E1126 07:00:00.123456       1 reflector.go:138] failed to list               | ERROR",
            "W1126 07:00:00.123456       1 warnings.go:70] deprecated                      | WARNING",
            "I1126 07:00:00.123456       1 server.go:42] serving                           | INFO",
            "F1126 07:00:00.123456       1 main.go:1] cannot start                         | CRITICAL",
            "[INFO] 10.42.0.1:53 - 1 \"A IN example.com. udp 40 false 512\" NOERROR       | INFO",
            "[ERROR] plugin/errors: 2 example.com. A: read udp i/o timeout                | ERROR",
            "2026-11-26T07:00:00.000Z WARN vector::sinks::loki: retrying                  | WARNING",
            "2026-11-26T07:00:00.000Z  TRACE vector::internal: tick                        | TRACE",
            "Starting k3s agent v1.31.4+k3s1                                              | UNKNOWN",
            "the word error inside a sentence                                              | UNKNOWN",
    })
    void detectsLevels(String line, LogLevel expected) {
        assertThat(LevelDetector.detect(line)).isEqualTo(expected);
    }

    @Test
    void aLevelLabelWinsOverTheText() {
        assertThat(LevelDetector.detect(Map.of("detected_level", "error"), "[INFO] fine")).isEqualTo(LogLevel.ERROR);
        assertThat(LevelDetector.detect(Map.of("app", "x"), "[INFO] fine")).isEqualTo(LogLevel.INFO);
    }
}
