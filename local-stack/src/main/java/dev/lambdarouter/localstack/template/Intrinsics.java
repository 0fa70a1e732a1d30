package dev.lambdarouter.localstack.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the CloudFormation intrinsic functions {@code template.yaml} uses, the way a local deployment needs them:
 * {@code Ref} (parameters with their values or {@code Default}s, pseudo parameters, resources, {@code AWS::NoValue}),
 * {@code Fn::Sub} (the string form), {@code Fn::GetAtt}, {@code Fn::If} with the template's
 * {@code Conditions}, {@code Fn::Equals} and {@code Fn::Not}; any other function is an error naming it. Values are resolved lazily: a parameter without a default only
 * fails when something the stack needs refers to it.
 */
final class Intrinsics {

    /** {@code AWS::NoValue}: removed from the enclosing list or object. */
    static final JsonNode NO_VALUE = MissingNode.getInstance();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private final JsonNode template;
    private final Map<String, String> parameters;
    private final LocalAccount account;

    Intrinsics(JsonNode template, Map<String, String> parameters, LocalAccount account) {
        this.template = template;
        this.parameters = parameters;
        this.account = account;
    }

    /** Resolves every intrinsic function in {@code node}; the result is plain JSON ({@link #NO_VALUE} if removed). */
    JsonNode resolve(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return NO_VALUE;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode item : node) {
                JsonNode resolved = resolve(item);
                if (!resolved.isMissingNode()) {
                    out.add(resolved);
                }
            }
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (isCall(node)) {
            Map.Entry<String, JsonNode> only = node.properties().iterator().next();
            return function(only.getKey(), only.getValue());
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            JsonNode resolved = resolve(field.getValue());
            if (!resolved.isMissingNode()) {
                out.set(field.getKey(), resolved);
            }
        }
        return out;
    }

    /** Whether {@code node} is an intrinsic function call: {@code {"Ref": ...}} or {@code {"Fn::...": ...}}. */
    static boolean isCall(JsonNode node) {
        if (!node.isObject() || node.size() != 1) {
            return false;
        }
        String key = node.fieldNames().next();
        return key.equals("Ref") || key.startsWith("Fn::");
    }

    /** Resolves {@code node} to text (numbers and booleans as CloudFormation renders them). */
    String resolveText(JsonNode node, String where) {
        JsonNode resolved = resolve(node);
        if (resolved.isMissingNode() || resolved.isNull()) {
            return null;
        }
        if (resolved.isValueNode()) {
            return resolved.asText();
        }
        throw new TemplateException(where + ": expected a string, got " + resolved);
    }

    boolean condition(String name) {
        JsonNode definition = template.path("Conditions").get(name);
        if (definition == null) {
            throw new TemplateException("unknown condition '" + name + "'");
        }
        return truth(resolve(definition), "condition " + name);
    }

    private JsonNode function(String name, JsonNode argument) {
        return switch (name) {
            case "Ref" -> ref(textArgument(argument, name));
            case "Fn::Sub" -> NODES.textNode(sub(argument));
            case "Fn::GetAtt" -> getAtt(argument);
            case "Fn::If" -> conditional(argument);
            case "Fn::Equals" -> NODES.booleanNode(equalsArgs(argument));
            case "Fn::Not" ->
                NODES.booleanNode(!truth(resolve(list(argument, name, 1).get(0)), name));
            default -> throw new TemplateException(name + " is not supported by the local stack");
        };
    }

    private JsonNode ref(String target) {
        if (target.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        String pseudo = account.pseudoParameter(target);
        if (pseudo != null) {
            return NODES.textNode(pseudo);
        }
        JsonNode parameter = template.path("Parameters").get(target);
        if (parameter != null) {
            return parameterValue(target, parameter);
        }
        int dot = target.indexOf('.');
        if (dot > 0) {
            // SAM's generated alias: RouterFunction.Alias.
            String owner = target.substring(0, dot);
            JsonNode resource = resource(owner);
            if (resource != null && isFunction(resource) && target.endsWith(".Alias")) {
                return NODES.textNode(account.functionArn(functionName(owner)) + ":" + aliasOf(owner));
            }
        }
        JsonNode resource = resource(target);
        if (resource == null) {
            throw new TemplateException("Ref " + target + ": no such parameter or resource");
        }
        return switch (resource.path("Type").asText()) {
            case "AWS::Serverless::Function" -> NODES.textNode(functionName(target));
            case "AWS::Serverless::LayerVersion" -> NODES.textNode(account.layerArn(target));
            default -> NODES.textNode(account.genericArn(target));
        };
    }

    private JsonNode parameterValue(String name, JsonNode declaration) {
        String value = parameters.get(name);
        if (value == null) {
            JsonNode fallback = declaration.get("Default");
            if (fallback == null) {
                throw new TemplateException("parameter " + name + " has no Default: pass a value for it "
                        + "(--parameter " + name + "=...)");
            }
            value = fallback.asText();
        }
        return NODES.textNode(value);
    }

    /** The function's name as deployed: its {@code FunctionName}, or its logical ID when it has none. */
    String functionName(String logicalId) {
        JsonNode name = resource(logicalId).path("Properties").get("FunctionName");
        if (name == null) {
            return logicalId;
        }
        return resolveText(name, "FunctionName of " + logicalId);
    }

    private String aliasOf(String functionLogicalId) {
        JsonNode alias = resource(functionLogicalId).path("Properties").get("AutoPublishAlias");
        if (alias == null) {
            throw new TemplateException(
                    functionLogicalId + ".Alias is referenced but " + functionLogicalId + " has no AutoPublishAlias");
        }
        return resolveText(alias, functionLogicalId + ".AutoPublishAlias");
    }

    private JsonNode getAtt(JsonNode argument) {
        ArrayNode pair = list(argument, "Fn::GetAtt", 2);
        String resourceName = resolveText(pair.get(0), "Fn::GetAtt");
        String attribute = resolveText(pair.get(1), "Fn::GetAtt");
        JsonNode resource = resource(resourceName);
        if (resource == null) {
            throw new TemplateException("Fn::GetAtt " + resourceName + "." + attribute + ": no such resource");
        }
        if (isFunction(resource) && attribute.equals("Arn")) {
            return NODES.textNode(account.functionArn(functionName(resourceName)));
        }
        return NODES.textNode(account.genericArn(resourceName) + (attribute.equals("Arn") ? "" : "/" + attribute));
    }

    /** {@code Fn::Sub} with a string: {@code ${Parameter}}, {@code ${AWS::Pseudo}}, {@code ${Resource.Attribute}}. */
    private String sub(JsonNode argument) {
        Matcher m = PLACEHOLDER.matcher(textArgument(argument, "Fn::Sub"));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1).trim();
            int dot = name.indexOf('.');
            String value = dot > 0 && !name.startsWith("AWS::") && resource(name.substring(0, dot)) != null
                    ? getAtt(NODES.arrayNode().add(name.substring(0, dot)).add(name.substring(dot + 1)))
                            .asText()
                    : ref(name).asText();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private JsonNode conditional(JsonNode argument) {
        ArrayNode triple = list(argument, "Fn::If", 3);
        return condition(triple.get(0).asText()) ? resolve(triple.get(1)) : resolve(triple.get(2));
    }

    private boolean equalsArgs(JsonNode argument) {
        ArrayNode pair = list(argument, "Fn::Equals", 2);
        return resolve(pair.get(0)).asText().equals(resolve(pair.get(1)).asText());
    }

    private static boolean truth(JsonNode value, String where) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw new TemplateException(where + ": expected true or false, got " + value);
    }

    private JsonNode resource(String logicalId) {
        return template.path("Resources").get(logicalId);
    }

    private static boolean isFunction(JsonNode resource) {
        return resource.path("Type").asText().equals("AWS::Serverless::Function");
    }

    private static String textArgument(JsonNode argument, String function) {
        if (!argument.isTextual()) {
            throw new TemplateException(function + " needs a name, got " + argument);
        }
        return argument.asText();
    }

    private static ArrayNode list(JsonNode argument, String function, int size) {
        if (!argument.isArray() || argument.size() < size) {
            throw new TemplateException(function + " needs a list of " + size + " arguments, got " + argument);
        }
        return (ArrayNode) argument;
    }
}
