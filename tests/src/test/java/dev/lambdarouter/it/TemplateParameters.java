package dev.lambdarouter.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code AWS::SSM::Parameter} resources of {@code template.yaml}, resolved as CloudFormation would for a given
 * stage: {@code ${Stage}} and {@code ${SomeFunction}} (a function's {@code Ref} is its name) are substituted, so the
 * tests seed exactly the route table a {@code sam deploy} seeds.
 */
final class TemplateParameters {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9:.]+)}");

    private TemplateParameters() {}

    static Path projectRoot() {
        String root = System.getProperty("project.root");
        return root != null
                ? Path.of(root).toAbsolutePath().normalize()
                : Path.of("..").toAbsolutePath().normalize();
    }

    /** Parameter name to value. */
    static Map<String, String> read(Path template, String stage) throws IOException {
        // Jackson's YAML parser reads "!Sub 'text'" as the plain scalar 'text', which is all we need here.
        JsonNode resources =
                new ObjectMapper(new YAMLFactory()).readTree(template.toFile()).get("Resources");
        Map<String, String> variables = new HashMap<>();
        variables.put("Stage", stage);
        variables.put("AWS::Region", "us-east-1");
        variables.put("AWS::AccountId", "123456789012");
        variables.put("AWS::Partition", "aws");
        Iterator<Map.Entry<String, JsonNode>> it = resources.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> resource = it.next();
            JsonNode name = resource.getValue().path("Properties").path("FunctionName");
            if (name.isTextual()) {
                variables.put(resource.getKey(), substitute(name.asText(), variables));
            }
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        it = resources.fields();
        while (it.hasNext()) {
            JsonNode resource = it.next().getValue();
            if ("AWS::SSM::Parameter".equals(resource.path("Type").asText())) {
                JsonNode props = resource.get("Properties");
                parameters.put(
                        substitute(props.get("Name").asText(), variables),
                        substitute(props.get("Value").asText(), variables));
            }
        }
        return parameters;
    }

    private static String substitute(String text, Map<String, String> variables) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template.yaml: cannot resolve ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
