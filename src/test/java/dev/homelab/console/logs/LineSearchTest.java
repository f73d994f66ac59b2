package dev.homelab.console.logs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LineSearchTest {

    @Test
    void plainTextIsCaseInsensitiveAndGivesEveryRange() {
        LineSearch search = LineSearch.of("Timeout");

        assertThat(search.matches("read udp: i/o TIMEOUT")).isTrue();
        assertThat(search.matches("all good")).isFalse();
        assertThat(search.ranges("timeout then timeout")).containsExactly(new int[]{0, 7}, new int[]{13, 20});
    }

    @Test
    void slashesMeanARegularExpression() {
        LineSearch search = LineSearch.of("/status=5\\d\\d/");

        assertThat(search.matches("GET / status=503")).isTrue();
        assertThat(search.matches("GET / status=200")).isFalse();
        assertThat(search.ranges("status=502")).containsExactly(new int[]{0, 10});
    }

    @Test
    void specialCharactersInPlainTextAreLiteral() {
        assertThat(LineSearch.of("a.b").matches("axb")).isFalse();
        assertThat(LineSearch.of("a.b").matches("a.b")).isTrue();
    }

    @Test
    void anInvalidExpressionMatchesNothingAndSaysWhy() {
        LineSearch search = LineSearch.of("/[unclosed/");

        assertThat(search.matches("[unclosed")).isFalse();
        assertThat(search.error()).startsWith("Not a valid regular expression");
    }

    @Test
    void anEmptySearchMatchesAll() {
        assertThat(LineSearch.of("").matches("anything")).isTrue();
        assertThat(LineSearch.of("").ranges("anything")).isEmpty();
    }
}
