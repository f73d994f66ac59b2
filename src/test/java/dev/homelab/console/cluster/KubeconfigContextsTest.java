package dev.homelab.console.cluster;

import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeconfigContextsTest {

    @TempDir
    Path dir;

    private Path write(String name, String yaml) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, yaml);
        return file;
    }

    private static final String HOME = """
            apiVersion: v1
            kind: Config
            current-context: homelab
            clusters:
            - name: pi
              cluster: {server: "https://192.168.1.10:6443", certificate-authority: certs/ca.crt}
            - name: shared
              cluster: {server: "https://first.example:6443"}
            users:
            - name: admin
              user: {token: first-token-value}
            contexts:
            - name: homelab
              context: {cluster: pi, user: admin, namespace: monitoring}
            """;

    private static final String WORK = """
            apiVersion: v1
            kind: Config
            current-context: work
            clusters:
            - name: shared
              cluster: {server: "https://second.example:6443"}
            - name: office
              cluster: {server: "https://office.example:6443"}
            users:
            - name: admin
              user: {token: second-token-value}
            - name: me
              user: {token: office-token}
            contexts:
            - name: work
              context: {cluster: office, user: me}
            - name: homelab
              context: {cluster: office, user: me}
            - name: mixed
              context: {cluster: shared, user: admin}
            """;

    @Test
    void mergesFilesLikeKubectlWithTheFirstFileWinningPerName() throws Exception {
        Path home = write("home.yaml", HOME);
        Path work = write("work.yaml", WORK);
        KubeconfigContexts merged = KubeconfigContexts.load(List.of(home, dir.resolve("missing.yaml"), work));

        assertThat(merged.files()).containsExactly(home, work);
        assertThat(merged.currentContext()).contains("homelab");
        assertThat(merged.contexts()).extracting(ContextEntry::name).containsExactly("homelab", "work", "mixed");
        ContextEntry homelab = merged.context("homelab").orElseThrow();
        assertThat(homelab.cluster()).isEqualTo("pi");
        assertThat(homelab.server()).isEqualTo("https://192.168.1.10:6443");
        assertThat(homelab.namespace()).isEqualTo("monitoring");
        assertThat(homelab.file()).isEqualTo(home.toString());
        ContextEntry mixed = merged.context("mixed").orElseThrow();
        assertThat(mixed.server()).as("cluster 'shared' comes from the first file")
                .isEqualTo("https://first.example:6443");
        assertThat(merged.context("work").orElseThrow().namespace()).isEqualTo("default");
    }

    @Test
    void kubeconfigVariableListsFilesInOrderAndDefaultsToHomeKubeConfig() {
        Path home = Path.of("/home/pi");
        assertThat(KubeconfigContexts.defaultFiles(null, home)).containsExactly(home.resolve(".kube/config"));
        assertThat(KubeconfigContexts.defaultFiles("", home)).containsExactly(home.resolve(".kube/config"));
        assertThat(KubeconfigContexts.defaultFiles("/a:/b::/a", home))
                .containsExactly(Path.of("/a"), Path.of("/b"));
    }

    @Test
    void clientConfigUsesTheMergedEntriesAndResolvesRelativePathsAgainstTheirFile() throws Exception {
        Path home = write("home.yaml", HOME);
        Path work = write("work.yaml", WORK);
        KubeconfigContexts merged = KubeconfigContexts.load(List.of(work, home));

        Config mixed = merged.clientConfig("mixed", LoginShellPath.system());
        assertThat(mixed.getMasterUrl()).isEqualTo("https://second.example:6443/");
        assertThat(mixed.getAutoOAuthToken()).isEqualTo("second-token-value");
        assertThat(mixed.getRequestTimeout()).isEqualTo(10_000);

        KubeconfigContexts homeFirst = KubeconfigContexts.load(List.of(home, work));
        Config homelab = homeFirst.clientConfig(null, LoginShellPath.system());
        assertThat(homelab.getMasterUrl()).isEqualTo("https://192.168.1.10:6443/");
        assertThat(homelab.getNamespace()).isEqualTo("monitoring");
        assertThat(homelab.getCaCertFile()).isEqualTo(dir.resolve("certs/ca.crt").toString());
        assertThat(homelab.getCurrentContext().getName()).isEqualTo("homelab");
    }

    @Test
    void unknownContextNamesTheChoices() throws Exception {
        KubeconfigContexts contexts = KubeconfigContexts.load(List.of(write("home.yaml", HOME)));
        assertThatThrownBy(() -> contexts.clientConfig("nope", LoginShellPath.system()))
                .isInstanceOfSatisfying(ConnectionFailedException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(ConnectionProblem.Kind.NO_KUBECONFIG);
                    assertThat(e.problem().detail()).contains("nope");
                    assertThat(e.problem().fix()).contains("homelab");
                });
    }

    @Test
    void noFilesMeansNoContextsAndAClearProblem() throws Exception {
        KubeconfigContexts none = KubeconfigContexts.load(List.of(dir.resolve("absent")));
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.currentContext()).isEmpty();
        assertThatThrownBy(() -> none.clientConfig(null, LoginShellPath.system()))
                .isInstanceOfSatisfying(ConnectionFailedException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(ConnectionProblem.Kind.NO_KUBECONFIG);
                    assertThat(e.problem().fix()).contains("--sandbox");
                });
        assertThat(KubeconfigContexts.load(List.of(write("empty", ""))).isEmpty()).isTrue();
    }

    @Test
    void explicitMissingFileIsReported() {
        assertThatThrownBy(() -> KubeconfigContexts.load(dir.resolve("nothing.yaml")))
                .isInstanceOfSatisfying(ConnectionFailedException.class,
                        e -> assertThat(e.problem().detail()).contains("nothing.yaml"));
    }

    @Test
    void malformedYamlNamesFileLineAndColumnButNeverTheText() throws Exception {
        Path bad = write("bad.yaml", """
                apiVersion: v1
                users:
                - name: admin
                  user:
                    token: s3cr3t-T0KEN-value
                   client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==
                """);
        assertThatThrownBy(() -> KubeconfigContexts.load(List.of(bad)))
                .isInstanceOfSatisfying(ConnectionFailedException.class, e -> {
                    assertThat(e.problem().kind()).isEqualTo(ConnectionProblem.Kind.MALFORMED_KUBECONFIG);
                    assertThat(e.problem().detail()).contains(bad.toString()).contains("line 6, column 4");
                    assertThat(e.getMessage() + e.problem().fix()).doesNotContain("s3cr3t-T0KEN-value")
                            .doesNotContain("LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQ==");
                });
    }

    @Test
    void tabIndentationIsReportedWhereTheTabIs() throws Exception {
        Path bad = write("tab.yaml", "apiVersion: v1\nclusters:\n- name: x\n  cluster:\n\tserver: https://x\n");
        assertThatThrownBy(() -> KubeconfigContexts.load(bad))
                .isInstanceOfSatisfying(ConnectionFailedException.class, e ->
                        assertThat(e.problem().detail()).contains("line 5, column 1").contains("TAB"));
    }

    @Test
    void wrongShapeIsMalformed() throws Exception {
        Path bad = write("shape.yaml", "apiVersion: v1\nclusters: {name: x}\n");
        assertThatThrownBy(() -> KubeconfigContexts.load(bad))
                .isInstanceOfSatisfying(ConnectionFailedException.class, e ->
                        assertThat(e.problem().detail()).contains("'clusters' must be a list"));
    }

    @Test
    void contextPointingAtAMissingClusterIsExplained() throws Exception {
        Path file = write("dangling.yaml", """
                contexts:
                - name: lost
                  context: {cluster: gone, user: u}
                """);
        assertThatThrownBy(() -> KubeconfigContexts.load(file).clientConfig("lost", LoginShellPath.system()))
                .isInstanceOfSatisfying(ConnectionFailedException.class,
                        e -> assertThat(e.problem().detail()).contains("'gone'"));
    }
}
