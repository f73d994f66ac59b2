package dev.homelab.console.cluster;

import dev.homelab.console.cluster.ConnectionProblem.Kind;
import io.fabric8.kubernetes.client.KubernetesClientException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Explains why talking to the cluster failed: maps exceptions from fabric8, OkHttp, the JDK's TLS stack and the exec
 * plugin to a {@link ConnectionProblem} with the cause and the fix. Messages are scrubbed ({@link Redaction}).
 */
public final class ConnectionProblems {

    private static final Pattern RBAC = Pattern.compile(
            "User \"([^\"]*)\" cannot (\\w+) resource \"([^\"]+)\"(?: in API group \"([^\"]*)\")?"
                    + "(?: in the namespace \"([^\"]+)\"| at the cluster scope)?");

    private ConnectionProblems() {
    }

    /** An exception explained, as the exception the UI and CLI show. */
    public static ConnectionFailedException failure(Throwable error, String serverUrl) {
        if (error instanceof ConnectionFailedException known) {
            return known;
        }
        return new ConnectionFailedException(explain(error, serverUrl), error);
    }

    public static ConnectionProblem explain(Throwable error, String serverUrl) {
        String server = serverUrl == null || serverUrl.isBlank() ? "the API server" : serverUrl;
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectionFailedException known) {
                return known.problem();
            }
            if (t instanceof ExecCredentialPlugin.ExecPluginException exec) {
                return execPlugin(exec);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof KubernetesClientException kce && kce.getCode() > 0) {
                return fromStatus(kce, server);
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            ConnectionProblem problem = fromTransport(t, server);
            if (problem != null) {
                return problem;
            }
        }
        return new ConnectionProblem(Kind.UNKNOWN, "Cannot talk to the cluster",
                server + ": " + Redaction.scrub(rootMessage(error)),
                "Check that 'kubectl get nodes' works with the same kubeconfig and context; the log has details.");
    }

    static ConnectionProblem execPlugin(ExecCredentialPlugin.ExecPluginException e) {
        String stderr = e.stderr().isBlank() ? "" : " Its error output: " + e.stderr();
        return new ConnectionProblem(Kind.EXEC_PLUGIN, "Credential plugin failed", e.reason() + "." + stderr,
                "Run '" + e.command() + "' in a terminal to see it work (log in again if its session expired); "
                        + "if it is installed somewhere unusual, put the absolute path in the kubeconfig's "
                        + "users[].user.exec.command.");
    }

    /** "who cannot do what to which resource where" from an RBAC denial message, if it is one. */
    public static String describeDenial(String message) {
        Matcher m = RBAC.matcher(message == null ? "" : message);
        if (!m.find()) {
            return null;
        }
        String group = m.group(4) == null || m.group(4).isEmpty() ? "" : m.group(4) + "/";
        String where = m.group(5) == null ? "cluster-wide" : "in namespace " + m.group(5);
        return "user " + m.group(1) + " may not " + m.group(2) + " " + group + m.group(3) + " " + where;
    }

    private static ConnectionProblem fromStatus(KubernetesClientException e, String server) {
        String message = e.getStatus() != null && e.getStatus().getMessage() != null
                ? e.getStatus().getMessage() : String.valueOf(e.getMessage());
        switch (e.getCode()) {
            case 401:
                return new ConnectionProblem(Kind.UNAUTHORIZED, "Credentials rejected",
                        server + " answered 401 Unauthorized: the token or client certificate of this context is "
                                + "expired, revoked or for another cluster",
                        "Get a fresh kubeconfig for this cluster (k3s: copy /etc/rancher/k3s/k3s.yaml from the "
                                + "server again), or log in again with your credential plugin.");
            case 403: {
                String denial = describeDenial(message);
                return new ConnectionProblem(Kind.FORBIDDEN, "Not permitted",
                        denial != null ? denial : server + " answered 403 Forbidden: " + Redaction.scrub(message),
                        "Use a context with more rights (k3s's admin kubeconfig), or grant the missing verb with a "
                                + "Role/ClusterRole and binding; the permission check lists everything needed.");
            }
            case 400:
                if (message.contains("HTTPS server")) {
                    return tlsProblem(server, "the server speaks HTTPS but the kubeconfig URL says http://",
                            "Change the cluster's server URL to https:// in the kubeconfig.");
                }
                break;
            case 408:
            case 504:
                return timeout(server);
            default:
                break;
        }
        return new ConnectionProblem(Kind.UNKNOWN, "The API server refused the request",
                server + " answered " + e.getCode() + ": " + Redaction.scrub(message),
                "Check the API server's health (k3s: 'systemctl status k3s' on the server).");
    }

    private static ConnectionProblem fromTransport(Throwable t, String server) {
        if (t instanceof UnknownHostException) {
            return new ConnectionProblem(Kind.UNREACHABLE, "Cannot reach the API server",
                    server + ": the host name does not resolve (" + t.getMessage() + ")",
                    "Check the server address in the kubeconfig, your DNS or /etc/hosts, and your network/VPN.");
        }
        if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
            return new ConnectionProblem(Kind.UNREACHABLE, "Cannot reach the API server",
                    server + ": connection refused or no route (" + Redaction.scrub(t.getMessage()) + ")",
                    "Check that the server is up (k3s: 'systemctl status k3s'), that the address and port 6443 are "
                            + "right (not 127.0.0.1 when copied from the server), and that no firewall blocks it.");
        }
        if (t instanceof SSLPeerUnverifiedException || isHostnameMismatch(t)) {
            return tlsProblem(server, "the server's certificate does not name this host ("
                            + Redaction.scrub(t.getMessage()) + ")",
                    "Use the host name or IP the certificate was issued for, or add it to k3s's certificate with "
                            + "--tls-san <name> on the server and restart k3s.");
        }
        if (t instanceof SSLHandshakeException || t instanceof CertificateException
                || t instanceof java.security.cert.CertPathValidatorException) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("expired") || message.contains("NotAfter")) {
                return tlsProblem(server, "a certificate has expired (" + Redaction.scrub(message) + ")",
                        "Renew the cluster certificates (k3s rotates them on restart when they are within 90 days "
                                + "of expiry: 'systemctl restart k3s') and fetch the kubeconfig again.");
            }
            return tlsProblem(server, "the server's certificate is not trusted (" + Redaction.scrub(message) + ")",
                    "The kubeconfig's certificate-authority-data must be this cluster's CA: copy the kubeconfig "
                            + "from the server again (k3s: /etc/rancher/k3s/k3s.yaml).");
        }
        if (t instanceof SSLException) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("plaintext") || message.contains("Unrecognized SSL message")) {
                return tlsProblem(server, "the server does not speak TLS on this port",
                        "Check the port (k3s: 6443) and whether the URL should be http:// or https://.");
            }
            return tlsProblem(server, Redaction.scrub(message),
                    "Check the server URL and the certificate-authority data in the kubeconfig.");
        }
        if (t instanceof SocketTimeoutException || t instanceof TimeoutException
                || t instanceof InterruptedIOException && String.valueOf(t.getMessage()).contains("timeout")) {
            return timeout(server);
        }
        return null;
    }

    private static boolean isHostnameMismatch(Throwable t) {
        String message = String.valueOf(t.getMessage());
        return message.contains("No subject alternative") || message.contains("Hostname")
                && message.contains("not verified");
    }

    static ConnectionProblem timeout(String server) {
        return new ConnectionProblem(Kind.TIMEOUT, "The API server did not answer in time",
                server + " accepted no request within the time limit",
                "Check that the server is up and not overloaded, and your network path to it (VPN, Wi-Fi); "
                        + "then try again.");
    }

    private static ConnectionProblem tlsProblem(String server, String detail, String fix) {
        return new ConnectionProblem(Kind.TLS, "TLS/certificate problem", server + ": " + detail, fix);
    }

    private static String rootMessage(Throwable error) {
        Throwable t = error;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
