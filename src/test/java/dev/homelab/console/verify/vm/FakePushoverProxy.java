package dev.homelab.console.verify.vm;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for api.pushover.net reached through Alertmanager's {@code http_config.proxy_url}: an HTTP CONNECT proxy
 * on 127.0.0.1 that terminates TLS itself with a self-signed certificate for api.pushover.net (Alertmanager trusts
 * it through {@code tls_config.ca_file}) and answers every message like Pushover does: {@code {"status":1,
 * "request":"<uuid>"}}. Nothing leaves the machine, yet Alertmanager's real pushover integration runs end to end.
 */
final class FakePushoverProxy implements AutoCloseable {

    static final String HOST = "api.pushover.net";

    /** One HTTP request received inside the tunnel. */
    record Received(String requestLine, String body) {
    }

    private final ServerSocket server;
    private final SSLContext tls;
    private final Path caFile;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private FakePushoverProxy(ServerSocket server, SSLContext tls, Path caFile) {
        this.server = server;
        this.tls = tls;
        this.caFile = caFile;
        this.acceptor = new Thread(this::acceptLoop, "fake-pushover-proxy");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    static FakePushoverProxy start(Path workDir) throws Exception {
        Path keystore = workDir.resolve("pushover.p12");
        Path pem = workDir.resolve("pushover-ca.pem");
        String password = "changeit";
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "pushover", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + HOST, "-ext", "SAN=dns:" + HOST, "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
        run(keytool, "-exportcert", "-rfc", "-alias", "pushover", "-keystore", keystore.toString(),
                "-storepass", password, "-file", pem.toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        return new FakePushoverProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), tls, pem);
    }

    String proxyUrl() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    Path caFile() {
        return caFile;
    }

    List<Received> received() {
        return received;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread handler = new Thread(() -> handle(socket), "fake-pushover-tunnel");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void handle(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            String connect = readHead(in).get(0);
            OutputStream out = socket.getOutputStream();
            if (!connect.toUpperCase(Locale.ROOT).startsWith("CONNECT " + HOST.toUpperCase(Locale.ROOT) + ":443")) {
                out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                return;
            }
            out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            try (SSLSocket tunnel = (SSLSocket) tls.getSocketFactory().createSocket(socket, in, true)) {
                tunnel.setUseClientMode(false);
                tunnel.startHandshake();
                serveOne(new BufferedInputStream(tunnel.getInputStream()), tunnel.getOutputStream());
            }
        } catch (IOException e) {
            // a client that hangs up mid-request is its own problem; Alertmanager retries
        }
    }

    private void serveOne(InputStream in, OutputStream out) throws IOException {
        List<String> head = readHead(in);
        int length = 0;
        for (String header : head) {
            if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        received.add(new Received(head.get(0), new String(body, StandardCharsets.UTF_8)));
        byte[] answer = ("{\"status\":1,\"request\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + answer.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(answer);
        out.flush();
    }

    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new java.util.ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.US_ASCII).replace("\r", "");
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
                line.reset();
            } else {
                line.write(b);
            }
        }
        if (lines.isEmpty()) {
            throw new IOException("connection closed before a request");
        }
        return lines;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command.length > 1 ? command[1] : "") + " failed: " + output);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
