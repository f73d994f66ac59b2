package dev.homelab.console.cluster;

import java.util.regex.Pattern;

/**
 * Removes anything that looks like a credential from text that may reach a log or the screen: bearer tokens,
 * JWTs, PEM blocks, long base64 runs (certificate and key data) and {@code token:}/{@code password:} style values.
 */
public final class Redaction {

    private static final Pattern PEM = Pattern.compile("-----BEGIN [A-Z ]+-----[\\s\\S]*?(-----END [A-Z ]+-----|$)");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*");
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)(\"?(token|password|secret|client-key-data|client-certificate-data|clientKeyData|clientCertificateData"
                    + "|access[_-]?token|id[_-]?token)\"?\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,}]+)");
    private static final Pattern LONG_BASE64 = Pattern.compile(
            "(?<![A-Za-z0-9+/=_.-])(?=[A-Za-z0-9+/=_-]*[0-9])(?=[A-Za-z0-9+/=_-]*[A-Z])(?=[A-Za-z0-9+/=_-]*[a-z])"
                    + "[A-Za-z0-9+/=_-]{40,}");

    private Redaction() {
    }

    public static String scrub(String text) {
        if (text == null) {
            return "";
        }
        String out = PEM.matcher(text).replaceAll("[redacted PEM]");
        out = BEARER.matcher(out).replaceAll("$1 [redacted]");
        out = JWT.matcher(out).replaceAll("[redacted token]");
        out = KEY_VALUE.matcher(out).replaceAll("$1[redacted]");
        return LONG_BASE64.matcher(out).replaceAll("[redacted]");
    }
}
