package dev.homelab.console.sandbox.api;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One port-forward stream in the Kubernetes WebSocket protocol: the server first sends the port on the data channel
 * (0) and on the error channel (1), then every message is a channel byte followed by payload. Data is pumped between
 * the WebSocket and a TCP connection to the simulation; a target that cannot be reached is reported on the error
 * channel, as the kubelet does. Connecting and writing run on the stream's own thread (never on the mock server's
 * event loop), in order, so data the client sends before the connection stands waits for it.
 */
final class PortForwardBridge extends WebSocketListener {

    private static final Logger LOG = LoggerFactory.getLogger(PortForwardBridge.class);
    private static final byte DATA = 0;
    private static final byte ERROR = 1;

    private final int port;
    private final Callable<URI> target;
    private final ExecutorService toSimulation;
    private volatile Socket socket;

    PortForwardBridge(int port, Callable<URI> target) {
        this.port = port;
        this.target = target;
        this.toSimulation = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "sandbox-port-forward-" + port);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
        toSimulation.execute(() -> connect(webSocket));
    }

    private void connect(WebSocket webSocket) {
        byte[] portBytes = {(byte) (port & 0xff), (byte) ((port >> 8) & 0xff)};
        webSocket.send(new byte[]{DATA, portBytes[0], portBytes[1]});
        webSocket.send(new byte[]{ERROR, portBytes[0], portBytes[1]});
        try {
            URI uri = target.call();
            socket = new Socket(uri.getHost(), uri.getPort());
        } catch (Exception e) {
            sendError(webSocket, e.getMessage());
            return;
        }
        Thread pump = new Thread(() -> pumpToClient(webSocket), "sandbox-port-forward-reader-" + port);
        pump.setDaemon(true);
        pump.start();
    }

    private void pumpToClient(WebSocket webSocket) {
        byte[] buffer = new byte[8192];
        try (InputStream in = socket.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                byte[] message = new byte[read + 1];
                message[0] = DATA;
                System.arraycopy(buffer, 0, message, 1, read);
                webSocket.send(message);
            }
        } catch (IOException e) {
            LOG.debug("Port-forward of port {} ended: {}", port, e.getMessage());
        }
        webSocket.close(1000, "");
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
        onMessage(webSocket, bytes.toByteArray());
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
        if (bytes.length < 2 || bytes[0] != DATA) {
            return;
        }
        byte[] payload = Arrays.copyOfRange(bytes, 1, bytes.length);
        toSimulation.execute(() -> {
            Socket current = socket;
            if (current == null) {
                return;
            }
            try {
                OutputStream out = current.getOutputStream();
                out.write(payload);
                out.flush();
            } catch (IOException e) {
                sendError(webSocket, "error forwarding port " + port + ": " + e.getMessage());
            }
        });
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
        closeSocket();
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
        closeSocket();
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
        closeSocket();
    }

    private void sendError(WebSocket webSocket, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[text.length + 1];
        frame[0] = ERROR;
        System.arraycopy(text, 0, frame, 1, text.length);
        webSocket.send(frame);
        webSocket.close(1000, "");
    }

    private void closeSocket() {
        toSimulation.shutdown();
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
