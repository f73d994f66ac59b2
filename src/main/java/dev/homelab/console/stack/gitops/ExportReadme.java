package dev.homelab.console.stack.gitops;

import java.util.List;

/** The README of the export folder: what each part is for, which Secrets to create, and the notes. */
final class ExportReadme {

    private ExportReadme() {
    }

    static String render(List<SecretTemplate> secrets, List<String> notes) {
        StringBuilder text = new StringBuilder("""
                # Homelab Console target state

                - `values/` — the complete Helm values of each release.
                - `flux/` — HelmRepository (source.toolkit.fluxcd.io/v1) and HelmRelease (helm.toolkit.fluxcd.io/v2)
                  objects (CRDs created and replaced on upgrades); `kustomization.yaml` at the top lists them with
                  `manifests/`, so one Flux Kustomization pointed at this folder reconciles the whole state.
                - `argocd/` — Application objects (argoproj.io/v1alpha1) with the values inline. Point one more
                  Application (plain directory or kustomize) at `manifests/` in your repository.
                - `manifests/` — objects that live next to the releases (e.g. Vector's config, Grafana datasources);
                  apply them before or with the releases.
                - `secrets/` — the Secrets the state refers to, WITHOUT values: fill them in with your secret tooling
                  (SOPS, Sealed Secrets, External Secrets) and never commit them in clear. They are not in the
                  kustomizations on purpose.
                - `helm-commands.sh` — the same state with plain kubectl and helm; it creates the Secrets from the
                  environment variables named below.
                """);
        if (!secrets.isEmpty()) {
            text.append("\n## Secrets to provide\n\n");
            for (SecretTemplate secret : secrets) {
                text.append("- `").append(secret.id()).append('`')
                        .append(secret.purpose().isBlank() ? "" : " — " + secret.purpose()).append('\n');
                secret.keys().forEach((key, source) -> text.append("  - `").append(key).append("` from `$")
                        .append(source.variable()).append("`: ").append(source.description()).append('\n'));
            }
        }
        if (!notes.isEmpty()) {
            text.append("\n## Notes\n\n");
            notes.forEach(note -> text.append("- ").append(note).append('\n'));
        }
        return text.toString();
    }
}
