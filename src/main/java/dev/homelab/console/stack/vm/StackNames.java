package dev.homelab.console.stack.vm;

/**
 * The names the operator derives from the chart fullname (= release name here, through {@code fullnameOverride}):
 * CRs are named {@code <fullname>}, workloads and Services {@code <kind>-<fullname>}.
 */
public record StackNames(String fullname, String namespace) {

    public static final int VMSINGLE_PORT = 8428;
    public static final int VMAGENT_PORT = 8429;
    public static final int VMALERT_PORT = 8080;
    public static final int ALERTMANAGER_PORT = 9093;

    public String vmsingleService() {
        return "vmsingle-" + fullname;
    }

    public String vmagentService() {
        return "vmagent-" + fullname;
    }

    public String vmalertService() {
        return "vmalert-" + fullname;
    }

    public String alertmanagerService() {
        return "vmalertmanager-" + fullname;
    }

    /** The operator's Deployment / StatefulSet names (same as the Services). */
    public String alertmanagerStatefulSet() {
        return "vmalertmanager-" + fullname;
    }
}
