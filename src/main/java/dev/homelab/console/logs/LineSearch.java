package dev.homelab.console.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The view's search: case-insensitive text, or a regular expression when written as {@code /…/}. Gives the match
 * ranges for highlighting. An invalid expression matches nothing and says why ({@link #error()}).
 */
public final class LineSearch {

    public static final LineSearch NONE = new LineSearch("", null, null);

    private final String text;
    private final Pattern pattern;
    private final String error;

    private LineSearch(String text, Pattern pattern, String error) {
        this.text = text;
        this.pattern = pattern;
        this.error = error;
    }

    public static LineSearch of(String input) {
        if (input == null || input.isEmpty()) {
            return NONE;
        }
        if (input.length() > 2 && input.startsWith("/") && input.endsWith("/")) {
            try {
                return new LineSearch(input, Pattern.compile(input.substring(1, input.length() - 1),
                        Pattern.CASE_INSENSITIVE), null);
            } catch (PatternSyntaxException e) {
                return new LineSearch(input, null, "Not a valid regular expression: " + e.getDescription());
            }
        }
        return new LineSearch(input, Pattern.compile(Pattern.quote(input.toLowerCase(Locale.ROOT)),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), null);
    }

    public boolean isEmpty() {
        return text.isEmpty();
    }

    public String error() {
        return error;
    }

    public boolean matches(String line) {
        if (isEmpty()) {
            return true;
        }
        return pattern != null && pattern.matcher(line).find();
    }

    /** [start, end) ranges of the matches in the line, in order. */
    public List<int[]> ranges(String line) {
        List<int[]> ranges = new ArrayList<>();
        if (pattern == null) {
            return ranges;
        }
        Matcher matcher = pattern.matcher(line);
        while (matcher.find()) {
            if (matcher.end() == matcher.start()) {
                continue;
            }
            ranges.add(new int[]{matcher.start(), matcher.end()});
        }
        return ranges;
    }
}
