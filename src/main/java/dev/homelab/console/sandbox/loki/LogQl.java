package dev.homelab.console.sandbox.loki;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The part of LogQL the simulated Loki understands: a stream selector with {@code = != =~ !~} matchers, line
 * filters ({@code |= != |~ !~}), the {@code json}/{@code logfmt} parsers (accepted, lines pass unchanged), and the
 * metric forms {@code count_over_time}/{@code rate} over a range, optionally inside {@code sum|count|min|max
 * [by|without (labels)]}. Anything else is a parse error that says the sandbox does not support it.
 */
final class LogQl {

    enum Op { EQ, NEQ, RE, NRE }

    record Matcher(String label, Op op, String value, Pattern pattern) {
        boolean test(Map<String, String> labels) {
            String actual = labels.getOrDefault(label, "");
            return switch (op) {
                case EQ -> actual.equals(value);
                case NEQ -> !actual.equals(value);
                case RE -> pattern.matcher(actual).matches();
                case NRE -> !pattern.matcher(actual).matches();
            };
        }
    }

    record LineFilter(Op op, String value, Pattern pattern) {
        boolean test(String line) {
            return switch (op) {
                case EQ -> line.contains(value);
                case NEQ -> !line.contains(value);
                case RE -> pattern.matcher(line).find();
                case NRE -> !pattern.matcher(line).find();
            };
        }
    }

    /** A log query: which streams, which lines. */
    record LogSelector(List<Matcher> matchers, List<LineFilter> filters) {
        boolean selects(Map<String, String> labels) {
            return matchers.stream().allMatch(m -> m.test(labels));
        }

        boolean keeps(String line) {
            return filters.stream().allMatch(f -> f.test(line));
        }

        boolean filtersLines() {
            return !filters.isEmpty();
        }
    }

    /** A metric query: {@code aggregation by (grouping) (function(selector [rangeSeconds]))}. */
    record MetricQuery(LogSelector selector, String function, long rangeNanos, String aggregation,
                       List<String> grouping, boolean without) {
    }

    private static final Set<String> AGGREGATIONS = Set.of("sum", "count", "min", "max", "avg");
    private static final Set<String> RANGE_FUNCTIONS = Set.of("count_over_time", "rate");

    private final String text;
    private int pos;

    private LogQl(String text) {
        this.text = text;
    }

    static boolean isMetric(String query) {
        String trimmed = query.strip();
        return !trimmed.startsWith("{");
    }

    static LogSelector parseLog(String query) {
        LogQl parser = new LogQl(query);
        LogSelector selector = parser.logSelector();
        parser.skipSpaces();
        if (parser.pos < query.length()) {
            throw parser.unexpected();
        }
        return selector;
    }

    static MetricQuery parseMetric(String query) {
        LogQl parser = new LogQl(query);
        MetricQuery metric = parser.metric();
        parser.skipSpaces();
        if (parser.pos < query.length()) {
            throw parser.unexpected();
        }
        return metric;
    }

    private MetricQuery metric() {
        skipSpaces();
        String word = identifier();
        if (AGGREGATIONS.contains(word)) {
            List<String> grouping = List.of();
            boolean without = false;
            skipSpaces();
            if (peekWord("by") || peekWord("without")) {
                without = identifier().equals("without");
                grouping = grouping();
            }
            expect('(');
            MetricQuery inner = metric();
            expect(')');
            skipSpaces();
            if (peekWord("by") || peekWord("without")) {
                without = identifier().equals("without");
                grouping = grouping();
            }
            return new MetricQuery(inner.selector(), inner.function(), inner.rangeNanos(), word, grouping, without);
        }
        if (!RANGE_FUNCTIONS.contains(word)) {
            throw new LogQlException(pos - word.length() + 1, "syntax error: unexpected IDENTIFIER \"" + word
                    + "\" (the sandbox's simulated Loki knows count_over_time, rate and sum/count/min/max/avg)");
        }
        expect('(');
        LogSelector selector = logSelector();
        skipSpaces();
        expect('[');
        int start = pos;
        while (pos < text.length() && text.charAt(pos) != ']') {
            pos++;
        }
        long range = duration(text.substring(start, pos).strip(), start + 1);
        expect(']');
        expect(')');
        return new MetricQuery(selector, word, range, null, List.of(), false);
    }

    private List<String> grouping() {
        expect('(');
        List<String> labels = new ArrayList<>();
        skipSpaces();
        while (pos < text.length() && text.charAt(pos) != ')') {
            labels.add(identifier());
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                skipSpaces();
            }
        }
        expect(')');
        return labels;
    }

    private LogSelector logSelector() {
        skipSpaces();
        expect('{');
        List<Matcher> matchers = new ArrayList<>();
        skipSpaces();
        while (pos < text.length() && text.charAt(pos) != '}') {
            String label = identifier();
            skipSpaces();
            Op op = operator(false);
            skipSpaces();
            String value = string();
            matchers.add(new Matcher(label, op, value, op == Op.RE || op == Op.NRE ? regex(value) : null));
            skipSpaces();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
                skipSpaces();
            }
        }
        expect('}');
        if (matchers.stream().noneMatch(m -> m.op() == Op.EQ && !m.value().isEmpty()
                || m.op() == Op.RE && !m.pattern().matcher("").matches())) {
            throw new LogQlException(1, "queries require at least one regexp or equality matcher that does not "
                    + "have an empty-compatible value. For instance, app=~\".*\" does not meet this requirement, "
                    + "but app=~\".+\" will");
        }
        List<LineFilter> filters = new ArrayList<>();
        while (true) {
            skipSpaces();
            if (pos >= text.length()) {
                break;
            }
            char c = text.charAt(pos);
            if (c == '|' && pos + 1 < text.length() && (text.charAt(pos + 1) == '=' || text.charAt(pos + 1) == '~')) {
                Op op = text.charAt(pos + 1) == '=' ? Op.EQ : Op.RE;
                pos += 2;
                filters.add(lineFilter(op));
            } else if (c == '!' && pos + 1 < text.length()
                    && (text.charAt(pos + 1) == '=' || text.charAt(pos + 1) == '~')) {
                Op op = text.charAt(pos + 1) == '=' ? Op.NEQ : Op.NRE;
                pos += 2;
                filters.add(lineFilter(op));
            } else if (c == '|') {
                pos++;
                skipSpaces();
                int at = pos + 1;
                String stage = identifier();
                if (!stage.equals("json") && !stage.equals("logfmt")) {
                    throw new LogQlException(at, "the sandbox's simulated Loki does not support the stage \"| "
                            + stage + "\" (line filters, | json and | logfmt are supported)");
                }
            } else {
                break;
            }
        }
        return new LogSelector(List.copyOf(matchers), List.copyOf(filters));
    }

    private LineFilter lineFilter(Op op) {
        skipSpaces();
        String value = string();
        return new LineFilter(op, value, op == Op.RE || op == Op.NRE ? regex(value) : null);
    }

    private Op operator(boolean line) {
        if (text.startsWith("=~", pos)) {
            pos += 2;
            return Op.RE;
        }
        if (text.startsWith("!~", pos)) {
            pos += 2;
            return Op.NRE;
        }
        if (text.startsWith("!=", pos)) {
            pos += 2;
            return Op.NEQ;
        }
        if (text.startsWith("=", pos)) {
            pos += 1;
            return Op.EQ;
        }
        throw unexpected();
    }

    private String string() {
        if (pos >= text.length()) {
            throw new LogQlException(pos + 1, "syntax error: unexpected $end, expecting STRING");
        }
        char quote = text.charAt(pos);
        if (quote != '"' && quote != '`') {
            throw new LogQlException(pos + 1, "syntax error: unexpected " + describe(pos) + ", expecting STRING");
        }
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != quote) {
            char c = text.charAt(pos++);
            if (c == '\\' && quote == '"' && pos < text.length()) {
                char next = text.charAt(pos++);
                value.append(next == 'n' ? '\n' : next == 't' ? '\t' : next);
            } else {
                value.append(c);
            }
        }
        if (pos >= text.length()) {
            throw new LogQlException(pos + 1, "literal not terminated");
        }
        pos++;
        return value.toString();
    }

    private String identifier() {
        skipSpaces();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos) {
            throw unexpected();
        }
        return text.substring(start, pos);
    }

    private boolean peekWord(String word) {
        return text.startsWith(word, pos) && (pos + word.length() >= text.length()
                || !Character.isLetterOrDigit(text.charAt(pos + word.length())));
    }

    private void expect(char c) {
        skipSpaces();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw unexpected();
        }
        pos++;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private LogQlException unexpected() {
        return new LogQlException(pos + 1, "syntax error: unexpected " + describe(pos));
    }

    private String describe(int at) {
        if (at >= text.length()) {
            return "$end";
        }
        char c = text.charAt(at);
        return Character.isLetter(c) ? "IDENTIFIER" : "\"" + c + "\"";
    }

    private static Pattern regex(String value) {
        try {
            return Pattern.compile(value);
        } catch (java.util.regex.PatternSyntaxException e) {
            throw new LogQlException(1, "invalid regular expression \"" + value + "\": " + e.getDescription());
        }
    }

    static long duration(String text, int column) {
        java.util.regex.Matcher m = Pattern.compile("(\\d+)(ms|s|m|h|d|w)").matcher(text);
        long nanos = 0;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "d" -> 86_400_000_000_000L;
                default -> 604_800_000_000_000L;
            };
            end = m.end();
        }
        if (end != text.length() || nanos == 0) {
            throw new LogQlException(column, "not a valid duration string: \"" + text + "\"");
        }
        return nanos;
    }
}
