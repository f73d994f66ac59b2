package dev.homelab.console.stack.gitops;

import dev.homelab.console.util.Json;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;
import tools.jackson.dataformat.yaml.util.StringQuotingChecker;

import java.util.List;
import java.util.regex.Pattern;

/**
 * YAML as {@link Json#YAML} writes it (the same format features), except that date-like strings are quoted: Helm and
 * kubectl read YAML 1.1, where an unquoted {@code 2025-01-01} (Loki's schemaConfig {@code from}) is a timestamp, not
 * the string it was.
 */
final class ExportYaml {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}([Tt ].*)?");

    private static final ObjectMapper MAPPER = mapper();

    private ExportYaml() {
    }

    private static ObjectMapper mapper() {
        YAMLFactory quoting = ((YAMLFactory) Json.YAML.tokenStreamFactory()).rebuild()
                .stringQuotingChecker(new StringQuotingChecker.Default() {
                    @Override
                    public boolean needToQuoteValue(String value) {
                        return super.needToQuoteValue(value) || TIMESTAMP.matcher(value).matches();
                    }
                }).build();
        YAMLMapper.Builder builder = YAMLMapper.builder(quoting);
        int features = Json.YAML.serializationConfig().getFormatWriteFeatures();
        for (YAMLWriteFeature feature : YAMLWriteFeature.values()) {
            builder.configure(feature, feature.enabledIn(features));
        }
        return builder.build();
    }

    /** The documents, separated by {@code ---}. */
    static String write(List<?> documents) {
        StringBuilder text = new StringBuilder();
        for (Object document : documents) {
            if (!text.isEmpty()) {
                text.append("---\n");
            }
            text.append(MAPPER.writeValueAsString(document));
        }
        return text.toString();
    }
}
