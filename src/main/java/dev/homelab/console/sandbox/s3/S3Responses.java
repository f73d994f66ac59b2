package dev.homelab.console.sandbox.s3;

import mockwebserver3.MockResponse;

import java.util.UUID;

/** S3's XML responses and error shapes, as MinIO sends them. */
final class S3Responses {

    static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";

    private S3Responses() {
    }

    static MockResponse xml(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/xml")
                .setHeader("Server", "MinIO").setHeader("x-amz-request-id", requestId())
                .body("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + body).build();
    }

    static MockResponse error(int code, String errorCode, String message, String resource, String bucket,
                              boolean head) {
        if (head) {
            return new MockResponse.Builder().code(code).setHeader("x-amz-request-id", requestId())
                    .setHeader("Server", "MinIO").build();
        }
        return xml(code, "<Error><Code>" + errorCode + "</Code><Message>" + escape(message) + "</Message>"
                + (bucket == null ? "" : "<BucketName>" + escape(bucket) + "</BucketName>")
                + "<Resource>" + escape(resource) + "</Resource><RequestId>" + requestId()
                + "</RequestId><HostId>dd9025bab4ad464b049177c95eb6ebf374d3b3fd1af9251148b658df7ac2e3e8</HostId></Error>");
    }

    static MockResponse noSuchBucket(String bucket, boolean head) {
        return error(404, "NoSuchBucket", "The specified bucket does not exist", "/" + bucket, bucket, head);
    }

    static MockResponse accessDenied(String resource, boolean head) {
        return error(403, "AccessDenied", "Access Denied.", resource, null, head);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String requestId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase();
    }
}
