package dev.homelab.console.verify.s3;

/**
 * An S3 request failed; {@link #code()} is the S3 error code ("InvalidAccessKeyId", "SignatureDoesNotMatch",
 * "NoSuchBucket", "AccessDenied") or "Unreachable", and the message says what happened, to what, and what to do.
 */
public final class S3Problem extends Exception {
    private final String code;

    public S3Problem(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
