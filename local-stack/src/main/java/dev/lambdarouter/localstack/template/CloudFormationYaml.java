package dev.lambdarouter.localstack.template;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads a CloudFormation / SAM YAML template into a JSON tree in CloudFormation's JSON form: a short-form tag such as
 * {@code !Sub "x"} becomes {@code {"Fn::Sub": "x"}}, {@code !Ref X} becomes {@code {"Ref": "X"}} and
 * {@code !GetAtt A.B} becomes {@code {"Fn::GetAtt": ["A", "B"]}}. (A plain YAML tree would drop the tags and turn
 * {@code !Ref Stage} into the string {@code "Stage"}.)
 */
final class CloudFormationYaml {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private CloudFormationYaml() {}

    static JsonNode read(Reader yaml) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            if (parser.nextToken() == null) {
                throw new IOException("the template is empty");
            }
            return value(parser);
        }
    }

    private static JsonNode value(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId();
        JsonNode plain = plainValue(parser);
        return tag == null ? plain : tagged(tag, plain);
    }

    private static JsonNode plainValue(YAMLParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, value(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                yield array;
            }
            case VALUE_STRING -> NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT -> NODES.numberNode(parser.getLongValue());
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            case VALUE_NULL -> NODES.nullNode();
            default -> throw new IOException("unexpected YAML token " + token + " at " + parser.currentLocation());
        };
    }

    private static JsonNode tagged(String tag, JsonNode value) throws IOException {
        String name = tag.startsWith("!") ? tag.substring(1) : tag;
        ObjectNode function = NODES.objectNode();
        switch (name) {
            case "Ref" -> function.set("Ref", value);
            case "GetAtt" -> {
                if (value.isTextual()) {
                    String text = value.asText();
                    int dot = text.indexOf('.');
                    if (dot < 1) {
                        throw new IOException("!GetAtt needs Resource.Attribute, got '" + text + "'");
                    }
                    function.set(
                            "Fn::GetAtt",
                            NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1)));
                } else {
                    function.set("Fn::GetAtt", value);
                }
            }
            default -> {
                if (!Character.isUpperCase(name.isEmpty() ? 'x' : name.charAt(0))) {
                    // Not a CloudFormation function (e.g. a standard YAML tag such as !!str): keep the value.
                    return value;
                }
                function.set("Fn::" + name, value);
            }
        }
        return function;
    }
}
