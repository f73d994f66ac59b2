package dev.homelab.console.cluster;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecCredentialPluginTest {

    @TempDir
    Path dir;

    private Path script(Path folder, String name, String body) throws IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A fake login shell that prints a greeting and then a PATH containing {@code bin}. */
    private LoginShellPath loginShellWith(Path bin) throws IOException {
        Path shell = script(dir.resolve("shell"), "fake-shell",
                "echo 'Welcome to the home lab'\nprintf %s '/nonexistent:" + bin + "'\n");
        return new LoginShellPath(shell, Duration.ofSeconds(5), "/usr/bin:/bin");
    }

    @Test
    void resolvesAPluginThatOnlyTheLoginShellPathKnows() throws Exception {
        Path bin = dir.resolve("home/.local/bin");
        Path plugin = script(bin, "kubelogin-fake", "echo '{}'\n");
        LoginShellPath path = loginShellWith(bin);
        assertThat(path.resolve("kubelogin-fake")).contains(plugin.toAbsolutePath());
        assertThat(path.resolve("sh")).as("the process PATH is searched first")
                .hasValueSatisfying(sh -> assertThat(sh.toString()).isIn("/usr/bin/sh", "/bin/sh"));
        assertThat(path.resolve("/opt/abs/tool")).contains(Path.of("/opt/abs/tool"));
        assertThat(path.resolve("does-not-exist-anywhere")).isEmpty();
    }

    @Test
    void aHangingLoginShellIsBounded() throws Exception {
        Path shell = script(dir.resolve("shell"), "slow-shell", "sleep 30\n");
        LoginShellPath path = new LoginShellPath(shell, Duration.ofMillis(300), "");
        long started = System.nanoTime();
        assertThat(path.loginShellPath()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void kubeconfigExecPluginRunsFromTheLoginShellPathAndFeedsTheToken() throws Exception {
        Path bin = dir.resolve("bin");
        script(bin, "homelab-auth", """
                echo "refreshing session for $HOMELAB_USER" >&2
                echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential",\
                "status":{"token":"plugin-token-XyZ123"}}'
                """);
        Path kubeconfig = dir.resolve("config");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                current-context: lab
                clusters: [{name: lab, cluster: {server: "https://10.0.0.2:6443"}}]
                contexts: [{name: lab, context: {cluster: lab, user: sso}}]
                users:
                - name: sso
                  user:
                    exec:
                      apiVersion: client.authentication.k8s.io/v1
                      command: homelab-auth
                      env: [{name: HOMELAB_USER, value: pi}]
                """);
        Config config = KubeconfigContexts.load(kubeconfig).clientConfig("lab", loginShellWith(bin));
        assertThat(config.getOauthTokenProvider()).isInstanceOf(ExecCredentialPlugin.class);
        assertThat(config.getOauthTokenProvider().getToken()).isEqualTo("plugin-token-XyZ123");
    }

    @Test
    void aFailingPluginReportsItsStderrButNoCredential() throws Exception {
        Path bin = dir.resolve("bin");
        script(bin, "aws-fake", """
                echo '{"status":{"token":"leaked-token-should-not-show"}}'
                echo "Error: the SSO session has expired; run aws sso login (token=abc123secretvalue)" >&2
                exit 255
                """);
        ExecCredentialPlugin plugin = new ExecCredentialPlugin("aws-fake", List.of("eks", "get-token"), Map.of(),
                "client.authentication.k8s.io/v1beta1", loginShellWith(bin), Duration.ofSeconds(10),
                Clock.systemUTC());
        assertThatThrownBy(plugin::credential)
                .isInstanceOfSatisfying(ExecCredentialPlugin.ExecPluginException.class, e -> {
                    assertThat(e.stderr()).contains("SSO session has expired");
                    assertThat(e.getMessage()).contains("exited with code 255")
                            .doesNotContain("leaked-token-should-not-show").doesNotContain("abc123secretvalue");
                    ConnectionProblem problem = ConnectionProblems.explain(e, "https://pi:6443");
                    assertThat(problem.kind()).isEqualTo(ConnectionProblem.Kind.EXEC_PLUGIN);
                    assertThat(problem.detail()).contains("SSO session has expired");
                    assertThat(problem.fix()).contains("aws-fake");
                });
    }

    @Test
    void aPluginNotFoundAnywhereSaysSo() throws Exception {
        ExecCredentialPlugin plugin = new ExecCredentialPlugin("kubectl-oidc_login-missing", List.of(), Map.of(), "",
                loginShellWith(dir.resolve("empty")), Duration.ofSeconds(5), Clock.systemUTC());
        assertThatThrownBy(plugin::getToken).hasMessageContaining("not found");
    }

    @Test
    void aHangingPluginIsStoppedAtTheTimeout() throws Exception {
        Path bin = dir.resolve("bin");
        script(bin, "browser-login", "echo 'open https://login.example to continue' >&2\nsleep 30\n");
        ExecCredentialPlugin plugin = new ExecCredentialPlugin("browser-login", List.of(), Map.of(), "",
                loginShellWith(bin), Duration.ofMillis(500), Clock.systemUTC());
        assertThatThrownBy(plugin::credential).hasMessageContaining("did not finish within");
    }

    @Test
    void theCredentialIsCachedUntilItsExpiry() throws Exception {
        Path bin = dir.resolve("bin");
        Path counter = dir.resolve("runs");
        script(bin, "counting", "echo run >> " + counter + "\n"
                + "echo '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"status\":{\"token\":\"t\","
                + "\"expirationTimestamp\":\"2030-01-01T00:10:00Z\"}}'\n");
        MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
        ExecCredentialPlugin plugin = new ExecCredentialPlugin("counting", List.of(), Map.of(), "",
                loginShellWith(bin), Duration.ofSeconds(10), clock);
        plugin.getToken();
        plugin.getToken();
        assertThat(Files.readAllLines(counter)).hasSize(1);
        clock.now = Instant.parse("2030-01-01T00:09:55Z");
        plugin.getToken();
        assertThat(Files.readAllLines(counter)).as("re-run shortly before expiry").hasSize(2);
        plugin.invalidate();
        plugin.getToken();
        assertThat(Files.readAllLines(counter)).hasSize(3);
    }

    @Test
    void clientCertificateCredentialsAreAccepted() throws Exception {
        Path bin = dir.resolve("bin");
        script(bin, "cert-plugin", "echo '{\"status\":{\"clientCertificateData\":\"CERT\",\"clientKeyData\":\"KEY\"}}'\n");
        ExecCredentialPlugin plugin = new ExecCredentialPlugin("cert-plugin", List.of(), Map.of(), "",
                loginShellWith(bin), Duration.ofSeconds(5), Clock.systemUTC());
        ExecCredentialPlugin.Credential credential = plugin.credential();
        assertThat(credential.token()).isNull();
        assertThat(credential.clientKeyData()).isEqualTo("KEY");
        assertThat(credential.toString()).doesNotContain("KEY").doesNotContain("CERT");
    }

    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
