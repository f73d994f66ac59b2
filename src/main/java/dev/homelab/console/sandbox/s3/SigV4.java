package dev.homelab.console.sandbox.s3;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS Signature Version 4 as S3 checks it: recomputes the signature of a request from the secret key of the
 * access key id it names. Uses the request exactly as sent (encoded path and query), like the server side does.
 */
final class SigV4 {

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]+)");

    /** The parts of an Authorization header. */
    record Credential(String accessKey, String date, String region, String service, List<String> signedHeaders,
                      String signature) {
    }

    private SigV4() {
    }

    static Credential parse(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher m = AUTHORIZATION.matcher(authorization.trim());
        if (!m.matches()) {
            return null;
        }
        return new Credential(m.group(1), m.group(2), m.group(3), m.group(4), List.of(m.group(5).split(";")),
                m.group(6));
    }

    /**
     * True when the signature matches. {@code header} looks up request headers by lower-case name;
     * {@code rawPath} and {@code rawQuery} are as they appeared on the request line.
     */
    static boolean verify(Credential credential, String secretKey, String method, String rawPath, String rawQuery,
                          Function<String, String> header) {
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : credential.signedHeaders()) {
            String value = header.apply(name);
            canonicalHeaders.append(name).append(':')
                    .append(value == null ? "" : value.trim().replaceAll("\\s+", " ")).append('\n');
        }
        String payloadHash = header.apply("x-amz-content-sha256");
        String canonicalRequest = method + "\n" + rawPath + "\n" + canonicalQuery(rawQuery) + "\n"
                + canonicalHeaders + "\n" + String.join(";", credential.signedHeaders()) + "\n"
                + (payloadHash == null ? "UNSIGNED-PAYLOAD" : payloadHash);
        String scope = credential.date() + "/" + credential.region() + "/" + credential.service() + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + header.apply("x-amz-date") + "\n" + scope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), credential.date());
        key = hmac(key, credential.region());
        key = hmac(key, credential.service());
        key = hmac(key, "aws4_request");
        String expected = hex(hmac(key, stringToSign));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                credential.signature().getBytes(StandardCharsets.US_ASCII));
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        Map<String, List<String>> sorted = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            sorted.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, values) -> values.stream().sorted().forEach(v -> parts.add(k + "=" + v)));
        return String.join("&", parts);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toLowerCase(Locale.ROOT);
    }
}
