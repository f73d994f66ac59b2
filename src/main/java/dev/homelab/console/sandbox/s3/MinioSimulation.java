package dev.homelab.console.sandbox.s3;

import dev.homelab.console.sandbox.SandboxWorld;
import dev.homelab.console.sandbox.SimulatedService;
import dev.homelab.console.sandbox.scenario.MinioSpec;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The lab's MinIO, speaking S3 (path-style) to real S3 clients such as io.minio: requests must be signed with
 * AWS Signature V4 by the scenario's credentials (InvalidAccessKeyId / SignatureDoesNotMatch otherwise); buckets
 * are the scenario's (minus a missing-bucket fault); read-only buckets refuse writes with AccessDenied. Objects
 * live in memory (bounded) for the life of the lab.
 */
public final class MinioSimulation implements SimulatedService {

    private static final long MAX_STORED_BYTES = 64L << 20;
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final SandboxWorld world;
    private final String accessKey;
    private final String secretKey;
    private final Set<String> readOnly = ConcurrentHashMap.newKeySet();
    private final Map<String, NavigableMap<String, StoredObject>> buckets = new ConcurrentHashMap<>();
    private long storedBytes;

    private record StoredObject(byte[] data, String etag, Instant modified, String contentType) {
    }

    public MinioSimulation(SandboxWorld world) {
        this.world = world;
        MinioSpec spec = world.minio();
        this.accessKey = spec.accessKey();
        this.secretKey = spec.secretKey();
        for (MinioSpec.BucketSpec bucket : spec.buckets()) {
            buckets.put(bucket.name(), new ConcurrentSkipListMap<>());
            if (bucket.readOnly()) {
                readOnly.add(bucket.name());
            }
        }
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        String target = request.getTarget();
        int q = target.indexOf('?');
        String rawPath = q < 0 ? target : target.substring(0, q);
        String rawQuery = q < 0 ? "" : target.substring(q + 1);
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        if (rawPath.startsWith("/minio/health/")) {
            return new MockResponse.Builder().code(200).setHeader("Server", "MinIO").build();
        }
        MockResponse denied = authenticate(request, method, rawPath, rawQuery, head);
        if (denied != null) {
            return denied;
        }
        byte[] body = payload(request);
        String path = URI.create("http://minio" + rawPath).getPath();
        String[] parts = path.substring(1).split("/", 2);
        String bucket = parts[0];
        String key = parts.length > 1 ? parts[1] : "";
        Map<String, String> query = query(rawQuery);
        if (bucket.isEmpty()) {
            return "GET".equals(method) ? listBuckets() : S3Responses.error(405, "MethodNotAllowed",
                    "The specified method is not allowed against this resource.", "/", null, head);
        }
        return key.isEmpty() ? bucketRequest(method, bucket, query, body, head)
                : objectRequest(method, bucket, key, request, body, head);
    }

    private MockResponse authenticate(RecordedRequest request, String method, String rawPath, String rawQuery,
                                      boolean head) {
        SigV4.Credential credential = SigV4.parse(request.getHeaders().get("Authorization"));
        if (credential == null) {
            return S3Responses.accessDenied(rawPath, head);
        }
        if (!credential.accessKey().equals(accessKey)) {
            return S3Responses.error(403, "InvalidAccessKeyId",
                    "The Access Key Id you provided does not exist in our records.", rawPath, null, head);
        }
        boolean valid = SigV4.verify(credential, secretKey, method, rawPath, rawQuery,
                name -> request.getHeaders().get(name));
        if (!valid) {
            return S3Responses.error(403, "SignatureDoesNotMatch", "The request signature we calculated does not "
                    + "match the signature you provided. Check your key and signing method.", rawPath, null, head);
        }
        return null;
    }

    private MockResponse bucketRequest(String method, String bucket, Map<String, String> query, byte[] body,
                                       boolean head) {
        NavigableMap<String, StoredObject> objects = buckets.get(bucket);
        if ("PUT".equals(method) && query.isEmpty()) {
            if (objects != null) {
                return S3Responses.error(409, "BucketAlreadyOwnedByYou", "Your previous request to create the "
                        + "named bucket succeeded and you already own it.", "/" + bucket, bucket, false);
            }
            buckets.put(bucket, new ConcurrentSkipListMap<>());
            return new MockResponse.Builder().code(200).setHeader("Location", "/" + bucket).build();
        }
        if (objects == null) {
            return S3Responses.noSuchBucket(bucket, head);
        }
        if (head) {
            return new MockResponse.Builder().code(200).setHeader("Server", "MinIO").build();
        }
        if ("GET".equals(method) && query.containsKey("location")) {
            return S3Responses.xml(200, "<LocationConstraint xmlns=\"" + S3Responses.NS + "\"></LocationConstraint>");
        }
        if ("GET".equals(method)) {
            return listObjects(bucket, objects, query);
        }
        if ("POST".equals(method) && query.containsKey("delete")) {
            if (readOnly.contains(bucket)) {
                return S3Responses.accessDenied("/" + bucket, false);
            }
            return deleteMany(bucket, objects, new String(body, StandardCharsets.UTF_8));
        }
        if ("DELETE".equals(method)) {
            if (readOnly.contains(bucket)) {
                return S3Responses.accessDenied("/" + bucket, false);
            }
            if (!objects.isEmpty()) {
                return S3Responses.error(409, "BucketNotEmpty", "The bucket you tried to delete is not empty",
                        "/" + bucket, bucket, false);
            }
            buckets.remove(bucket);
            return new MockResponse.Builder().code(204).build();
        }
        return S3Responses.error(501, "NotImplemented", "A header you provided implies functionality that is not "
                + "implemented", "/" + bucket, bucket, false);
    }

    private MockResponse objectRequest(String method, String bucket, String key, RecordedRequest request,
                                       byte[] body, boolean head) {
        NavigableMap<String, StoredObject> objects = buckets.get(bucket);
        String resource = "/" + bucket + "/" + key;
        if (objects == null) {
            return S3Responses.noSuchBucket(bucket, head);
        }
        switch (method) {
            case "PUT" -> {
                if (readOnly.contains(bucket)) {
                    return S3Responses.accessDenied(resource, false);
                }
                String declared = request.getHeaders().get("x-amz-content-sha256");
                if (declared != null && declared.matches("[0-9a-f]{64}")
                        && !declared.equals(SigV4.hex(SigV4.sha256(body)))) {
                    return S3Responses.error(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' "
                            + "header does not match what was computed.", resource, bucket, false);
                }
                synchronized (this) {
                    StoredObject previous = objects.get(key);
                    long after = storedBytes + body.length - (previous == null ? 0 : previous.data.length);
                    if (after > MAX_STORED_BYTES) {
                        return S3Responses.error(507, "XMinioStorageFull", "Storage backend has reached its minimum "
                                + "free drive threshold. Please delete a few objects to proceed.", resource, bucket,
                                false);
                    }
                    storedBytes = after;
                    String etag = md5(body);
                    String type = request.getHeaders().get("Content-Type");
                    objects.put(key, new StoredObject(body, etag, world.clock().instant().truncatedTo(ChronoUnit.SECONDS),
                            type == null ? "application/octet-stream" : type));
                    return new MockResponse.Builder().code(200).setHeader("ETag", "\"" + etag + "\"").build();
                }
            }
            case "GET", "HEAD" -> {
                StoredObject object = objects.get(key);
                if (object == null) {
                    return S3Responses.error(404, "NoSuchKey", "The specified key does not exist.", resource, bucket,
                            head);
                }
                MockResponse.Builder response = new MockResponse.Builder().code(200)
                        .setHeader("ETag", "\"" + object.etag + "\"")
                        .setHeader("Last-Modified", HTTP_DATE.format(object.modified))
                        .setHeader("Content-Type", object.contentType)
                        .setHeader("Accept-Ranges", "bytes");
                if (head) {
                    return response.setHeader("Content-Length", object.data.length).build();
                }
                return response.body(new Buffer().write(object.data)).build();
            }
            case "DELETE" -> {
                if (readOnly.contains(bucket)) {
                    return S3Responses.accessDenied(resource, false);
                }
                synchronized (this) {
                    StoredObject removed = objects.remove(key);
                    if (removed != null) {
                        storedBytes -= removed.data.length;
                    }
                }
                return new MockResponse.Builder().code(204).build();
            }
            default -> {
                return S3Responses.error(405, "MethodNotAllowed", "The specified method is not allowed against this "
                        + "resource.", resource, bucket, head);
            }
        }
    }

    private MockResponse listBuckets() {
        StringBuilder xml = new StringBuilder("<ListAllMyBucketsResult xmlns=\"" + S3Responses.NS + "\"><Owner><ID>"
                + "02d6176db174dc93cb1b899f7c6078f08654445fe8cf1b6ce98d8855f66bdbf4</ID><DisplayName>minio"
                + "</DisplayName></Owner><Buckets>");
        for (String bucket : new TreeSet<>(buckets.keySet())) {
            xml.append("<Bucket><Name>").append(S3Responses.escape(bucket))
                    .append("</Name><CreationDate>2025-01-01T00:00:00.000Z</CreationDate></Bucket>");
        }
        return S3Responses.xml(200, xml.append("</Buckets></ListAllMyBucketsResult>").toString());
    }

    private MockResponse listObjects(String bucket, NavigableMap<String, StoredObject> objects,
                                     Map<String, String> query) {
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.getOrDefault("delimiter", "");
        int maxKeys = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
        boolean urlEncoding = "url".equals(query.get("encoding-type"));
        String after = query.getOrDefault("continuation-token", query.getOrDefault("start-after", ""));
        StringBuilder contents = new StringBuilder();
        Set<String> commonPrefixes = new TreeSet<>();
        int count = 0;
        String last = null;
        boolean truncated = false;
        for (Map.Entry<String, StoredObject> e : objects.tailMap(after, false).entrySet()) {
            String key = e.getKey();
            if (!key.startsWith(prefix)) {
                continue;
            }
            if (count >= maxKeys) {
                truncated = true;
                break;
            }
            int cut = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            if (cut >= 0) {
                if (commonPrefixes.add(key.substring(0, cut + delimiter.length()))) {
                    count++;
                }
            } else {
                StoredObject o = e.getValue();
                contents.append("<Contents><Key>").append(encode(key, urlEncoding)).append("</Key><LastModified>")
                        .append(o.modified.toString().replace("Z", ".000Z")).append("</LastModified><ETag>&quot;")
                        .append(o.etag).append("&quot;</ETag><Size>").append(o.data.length)
                        .append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
                count++;
            }
            last = key;
        }
        StringBuilder xml = new StringBuilder("<ListBucketResult xmlns=\"" + S3Responses.NS + "\"><Name>")
                .append(S3Responses.escape(bucket)).append("</Name><Prefix>").append(encode(prefix, urlEncoding))
                .append("</Prefix><KeyCount>").append(count).append("</KeyCount><MaxKeys>").append(maxKeys)
                .append("</MaxKeys>");
        if (!delimiter.isEmpty()) {
            xml.append("<Delimiter>").append(encode(delimiter, urlEncoding)).append("</Delimiter>");
        }
        xml.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
        if (truncated && last != null) {
            xml.append("<NextContinuationToken>").append(S3Responses.escape(last)).append("</NextContinuationToken>");
        }
        xml.append(contents);
        for (String p : commonPrefixes) {
            xml.append("<CommonPrefixes><Prefix>").append(encode(p, urlEncoding)).append("</Prefix></CommonPrefixes>");
        }
        if (urlEncoding) {
            xml.append("<EncodingType>url</EncodingType>");
        }
        return S3Responses.xml(200, xml.append("</ListBucketResult>").toString());
    }

    private MockResponse deleteMany(String bucket, NavigableMap<String, StoredObject> objects, String body) {
        StringBuilder xml = new StringBuilder("<DeleteResult xmlns=\"" + S3Responses.NS + "\">");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<Key>(.*?)</Key>").matcher(body);
        while (m.find()) {
            String key = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                    .replace("&amp;", "&");
            synchronized (this) {
                StoredObject removed = objects.remove(key);
                if (removed != null) {
                    storedBytes -= removed.data.length;
                }
            }
            xml.append("<Deleted><Key>").append(S3Responses.escape(key)).append("</Key></Deleted>");
        }
        return S3Responses.xml(200, xml.append("</DeleteResult>").toString());
    }

    /** The object bytes; aws-chunked bodies (streaming signatures) are decoded to their payload. */
    private static byte[] payload(RecordedRequest request) {
        byte[] raw = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
        String sha = request.getHeaders().get("x-amz-content-sha256");
        if (sha == null || !sha.startsWith("STREAMING-")) {
            return raw;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int pos = 0;
        while (pos < raw.length) {
            int lineEnd = indexOf(raw, pos);
            if (lineEnd < 0) {
                break;
            }
            String header = new String(raw, pos, lineEnd - pos, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(header.split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(raw, lineEnd + 2, size);
            pos = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i < data.length - 1; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static String encode(String text, boolean url) {
        return url ? URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20")
                : S3Responses.escape(text);
    }

    private static String md5(byte[] data) {
        try {
            return SigV4.hex(MessageDigest.getInstance("MD5").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
