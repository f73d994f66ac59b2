package dev.homelab.console.util;

import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The shared JSON and YAML mappers (Jackson 3, like fabric8 8). */
public final class Json {
    public static final ObjectMapper JSON = JsonMapper.builder().build();
    public static final ObjectMapper PRETTY = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    public static final ObjectMapper YAML = YAMLMapper.builder().build();

    private Json() {
    }
}
