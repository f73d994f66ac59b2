package dev.homelab.console.cluster;

import dev.homelab.console.cluster.Inventory.LokiChartFamily;
import dev.homelab.console.cluster.Inventory.LokiDetails;
import dev.homelab.console.cluster.Inventory.LokiSchema;
import dev.homelab.console.helm.HelmRelease;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads how a Loki release is set up from its chart metadata and user values: which chart family it is
 * (grafana/loki OSS ≤ 6.x, grafana/loki 7.x GEL-only, or grafana-community/loki — "loki 7.x" exists in both
 * repositories), the deployment mode (explicit or the chart's default), the schema configs and the object storage.
 * Reads no secret: S3 credentials are never copied out of the values.
 */
public final class LokiReleaseReader {

    private LokiReleaseReader() {
    }

    public static LokiDetails read(HelmRelease release, Map<String, Object> chartMetadata) {
        Map<String, Object> values = release.values();
        String[] family = family(release, chartMetadata, values);
        LokiChartFamily chartFamily = LokiChartFamily.valueOf(family[0]);
        int major = major(release.chartVersion());

        String mode = string(values.get("deploymentMode"));
        String modeSource = "values";
        if (mode == null) {
            modeSource = "chart default";
            mode = chartFamily == LokiChartFamily.GRAFANA_COMMUNITY && major >= 12 ? "Monolithic" : "SimpleScalable";
        }
        boolean single = mode.equals("SingleBinary") || mode.equals("Monolithic");

        Map<String, Object> loki = map(values.get("loki"));
        List<LokiSchema> schemas = new ArrayList<>();
        Object configs = map(loki.get("schemaConfig")).get("configs");
        if (configs instanceof List<?> list) {
            for (Object item : list) {
                Map<String, Object> config = map(item);
                schemas.add(new LokiSchema(string(config.get("from")), string(config.get("store")),
                        string(config.get("object_store")), string(config.get("schema"))));
            }
        }
        Map<String, Object> storage = map(loki.get("storage"));
        Map<String, String> buckets = new LinkedHashMap<>();
        map(storage.get("bucketNames")).forEach((k, v) -> {
            if (v != null) {
                buckets.put(k, String.valueOf(v));
            }
        });
        String storageType = Objects.requireNonNullElse(string(storage.get("type")), "s3 (chart default)");
        String endpoint = string(map(storage.get("s3")).get("endpoint"));
        Object auth = loki.get("auth_enabled");
        boolean authEnabled = auth == null || Boolean.parseBoolean(String.valueOf(auth));
        boolean bundledMinio = Boolean.parseBoolean(String.valueOf(map(values.get("minio")).get("enabled")));
        return new LokiDetails(chartFamily, family[1], mode, modeSource, single, schemas, currentSchema(schemas),
                storageType, endpoint == null ? "" : endpoint, buckets, authEnabled, bundledMinio);
    }

    /** {family, how we decided}. */
    private static String[] family(HelmRelease release, Map<String, Object> metadata, Map<String, Object> values) {
        String version = release.chartVersion();
        int major = major(version);
        String home = String.valueOf(metadata.getOrDefault("home", ""));
        String description = String.valueOf(metadata.getOrDefault("description", ""));
        if (home.contains("grafana-community")) {
            return new String[]{"GRAFANA_COMMUNITY", "chart home is " + home + " (grafana-community/loki)"};
        }
        if (description.startsWith("Helm chart for Grafana Enterprise Logs")) {
            return new String[]{"GRAFANA_ENTERPRISE",
                "chart description says Grafana Enterprise Logs only (grafana/loki " + version + ")"};
        }
        if (major >= 0 && major <= 6) {
            return new String[]{"GRAFANA_OSS", "chart version " + version
                    + " is 6.x or older: only grafana/loki published those (last OSS release 6.55.0)"};
        }
        if (major >= 8) {
            return new String[]{"GRAFANA_COMMUNITY", "chart version " + version
                    + " is 8 or newer: only grafana-community/loki published those (grafana/loki stopped at 7.x, GEL)"};
        }
        Map<String, Object> enterprise = map(values.get("enterprise"));
        if (Boolean.parseBoolean(String.valueOf(enterprise.get("enabled")))) {
            return new String[]{"GRAFANA_ENTERPRISE", "values set enterprise.enabled: true (GEL)"};
        }
        if (home.contains("grafana.github.io")) {
            return new String[]{"GRAFANA_ENTERPRISE", "chart " + version + " from " + home
                    + ": grafana/loki 7.x is maintained for Grafana Enterprise Logs only"};
        }
        return new String[]{"UNKNOWN", "chart loki " + version + " exists in both grafana/loki (GEL-only) and "
                + "grafana-community/loki and the release does not say which; check 'helm repo list'"};
    }

    /** The schema in force today: the config with the latest 'from' date not in the future. */
    private static String currentSchema(List<LokiSchema> schemas) {
        LokiSchema current = null;
        LocalDate today = LocalDate.now();
        for (LokiSchema schema : schemas) {
            try {
                LocalDate from = date(schema.from());
                if (!from.isAfter(today) && (current == null || from.isAfter(date(current.from())))) {
                    current = schema;
                }
            } catch (RuntimeException ignored) {
                // an unparseable date cannot be the current schema
            }
        }
        return current == null ? "" : current.schema() + " (" + current.store() + ", since " + current.from() + ")";
    }

    /** "2024-04-01", or a timestamp "2024-04-01T00:00:00Z" as some YAML-to-JSON converters write dates. */
    private static LocalDate date(String text) {
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    }

    static int major(String version) {
        if (version == null) {
            return -1;
        }
        String digits = version.startsWith("v") ? version.substring(1) : version;
        int dot = digits.indexOf('.');
        try {
            return Integer.parseInt(dot < 0 ? digits : digits.substring(0, dot));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
