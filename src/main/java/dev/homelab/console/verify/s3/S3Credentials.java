package dev.homelab.console.verify.s3;

/** S3 access key and secret key, held in memory only; {@link #toString()} never prints the secret. */
public record S3Credentials(String accessKey, String secretKey) {

    /** "mini…" — enough for the user to recognise which key was used, not enough to leak it. */
    public String accessKeyHint() {
        if (accessKey == null || accessKey.isEmpty()) {
            return "(none)";
        }
        return accessKey.length() <= 4 ? accessKey.charAt(0) + "…" : accessKey.substring(0, 4) + "…";
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKey=" + accessKeyHint() + ", secretKey=••••••]";
    }
}
