package dev.lambdarouter.localstack.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SAM template ({@code template.yaml}) read for a local run: its functions (Globals merged, {@code !Sub},
 * {@code !Ref} and friends resolved with the parameters' defaults), the Lambda target group the load balancer
 * forwards to, and the {@code AWS::SSM::Parameter} resources that seed Parameter Store.
 *
 * <p>Relative {@code CodeUri} / {@code ContentUri} paths are resolved against a base directory (the template's
 * directory unless told otherwise), as {@code sam} does.
 */
public final class SamTemplate {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Path file;
    private final LocalAccount account;
    private final List<FunctionSpec> functions;
    private final TargetGroupSpec targetGroup;
    private final Map<String, String> ssmParameters;
    private final List<String> warnings;

    private SamTemplate(
            Path file,
            LocalAccount account,
            List<FunctionSpec> functions,
            TargetGroupSpec targetGroup,
            Map<String, String> ssmParameters,
            List<String> warnings) {
        this.file = file;
        this.account = account;
        this.functions = List.copyOf(functions);
        this.targetGroup = targetGroup;
        this.ssmParameters = Collections.unmodifiableMap(new LinkedHashMap<>(ssmParameters));
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Reads and resolves a template.
     *
     * @param file       the template
     * @param baseDir    directory that relative code and layer paths are resolved against
     * @param parameters template parameter values; parameters not given take their {@code Default}
     * @param account    region, account id and stack name for pseudo parameters and ARNs
     * @throws IOException       when the file cannot be read or is not YAML
     * @throws TemplateException when something the local stack needs cannot be resolved
     */
    public static SamTemplate load(Path file, Path baseDir, Map<String, String> parameters, LocalAccount account)
            throws IOException {
        JsonNode root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = CloudFormationYaml.read(reader);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "template not found");
        }
        if (!root.path("Resources").isObject()) {
            throw new TemplateException(file + ": no Resources section");
        }
        return new Reading(file, baseDir, root, new Intrinsics(root, parameters, account), account).read();
    }

    public Path file() {
        return file;
    }

    public LocalAccount account() {
        return account;
    }

    /** The functions, in template order. */
    public List<FunctionSpec> functions() {
        return functions;
    }

    /** The first target group of type {@code lambda}, if the template has one. */
    public Optional<TargetGroupSpec> targetGroup() {
        return Optional.ofNullable(targetGroup);
    }

    /** Parameter Store seed: {@code AWS::SSM::Parameter} name to value, in template order. */
    public Map<String, String> ssmParameters() {
        return ssmParameters;
    }

    /** Things in the template the local stack skips (e.g. layers given as remote ARNs). */
    public List<String> warnings() {
        return warnings;
    }

    /** The state of one read: the resolver and what has been collected so far. */
    private static final class Reading {
        private final Path file;
        private final Path baseDir;
        private final JsonNode root;
        private final Intrinsics intrinsics;
        private final LocalAccount account;
        private final List<String> warnings = new ArrayList<>();

        Reading(Path file, Path baseDir, JsonNode root, Intrinsics intrinsics, LocalAccount account) {
            this.file = file;
            this.baseDir = baseDir;
            this.root = root;
            this.intrinsics = intrinsics;
            this.account = account;
        }

        SamTemplate read() {
            List<FunctionSpec> functions = new ArrayList<>();
            Map<String, String> parameters = new LinkedHashMap<>();
            TargetGroupSpec targetGroup = null;
            Iterator<Map.Entry<String, JsonNode>> resources =
                    root.get("Resources").properties().iterator();
            while (resources.hasNext()) {
                Map.Entry<String, JsonNode> entry = resources.next();
                String id = entry.getKey();
                JsonNode resource = entry.getValue();
                if (resource.has("Condition")
                        && !intrinsics.condition(resource.get("Condition").asText())) {
                    continue;
                }
                try {
                    switch (resource.path("Type").asText()) {
                        case "AWS::Serverless::Function" -> functions.add(function(id, resource));
                        case "AWS::Lambda::Function" ->
                            warnings.add(
                                    id + ": AWS::Lambda::Function is not run locally (only AWS::Serverless::Function)");
                        case "AWS::SSM::Parameter" -> ssmParameter(id, resource, parameters);
                        case "AWS::ElasticLoadBalancingV2::TargetGroup" -> {
                            if (targetGroup == null
                                    && "lambda"
                                            .equals(resource.path("Properties")
                                                    .path("TargetType")
                                                    .asText())) {
                                targetGroup = targetGroup(id, resource);
                            }
                        }
                        default -> {
                            // Everything else (load balancer, log groups, queues...) has no local counterpart.
                        }
                    }
                } catch (TemplateException e) {
                    throw new TemplateException(file.getFileName() + ": resource " + id + ": " + e.getMessage(), e);
                }
            }
            if (targetGroup != null) {
                String target = targetGroup.functionLogicalId();
                String functionId = functions.stream()
                        .map(FunctionSpec::logicalId)
                        .filter(target::equals)
                        .findFirst()
                        .orElse(null);
                if (functionId == null) {
                    throw new TemplateException(file.getFileName() + ": target group " + targetGroup.logicalId()
                            + " targets a function the template does not define");
                }
            }
            return new SamTemplate(file, account, functions, targetGroup, parameters, warnings);
        }

        private FunctionSpec function(String id, JsonNode resource) {
            JsonNode props = merged(root.path("Globals").path("Function"), resource.path("Properties"));
            String handler = required(props, "Handler", id);
            String codeUri = required(props, "CodeUri", id);
            List<Path> layers = new ArrayList<>();
            for (JsonNode layer : props.path("Layers")) {
                Path content = layer(layer, id);
                if (content != null) {
                    layers.add(content);
                }
            }
            Map<String, String> env = new LinkedHashMap<>();
            JsonNode variables = props.path("Environment").path("Variables");
            Iterator<Map.Entry<String, JsonNode>> fields =
                    variables.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> variable = fields.next();
                String value = intrinsics.resolveText(variable.getValue(), "Environment " + variable.getKey());
                if (value != null) {
                    env.put(variable.getKey(), value);
                }
            }
            JsonNode loggingNode = intrinsics.resolve(props.path("LoggingConfig"));
            FunctionSpec.LoggingSpec logging = loggingNode.isObject()
                    ? new FunctionSpec.LoggingSpec(
                            loggingNode.path("LogFormat").asText("Text"),
                            textOrNull(loggingNode.get("ApplicationLogLevel")),
                            textOrNull(loggingNode.get("SystemLogLevel")))
                    : FunctionSpec.LoggingSpec.TEXT;
            String reserved = optional(props, "ReservedConcurrentExecutions", id);
            String retries =
                    optional(resource.path("Properties").path("EventInvokeConfig"), "MaximumRetryAttempts", id);
            return new FunctionSpec(
                    id,
                    intrinsics.functionName(id),
                    handler,
                    optionalOr(props, "Runtime", id, "java21"),
                    baseDir.resolve(codeUri).normalize(),
                    layers,
                    env,
                    Integer.parseInt(optionalOr(props, "MemorySize", id, "128")),
                    Integer.parseInt(optionalOr(props, "Timeout", id, "3")),
                    reserved == null ? null : Integer.valueOf(reserved),
                    optional(props, "AutoPublishAlias", id),
                    logging,
                    retries == null ? 2 : Integer.parseInt(retries));
        }

        private Path layer(JsonNode reference, String functionId) {
            if (reference.has("Ref")) {
                JsonNode layer = root.path("Resources").get(reference.get("Ref").asText());
                if (layer != null && layer.path("Type").asText().endsWith("::LayerVersion")) {
                    String property =
                            layer.path("Type").asText().startsWith("AWS::Serverless") ? "ContentUri" : "Content";
                    String content = intrinsics.resolveText(
                            layer.path("Properties").path(property),
                            reference.get("Ref").asText() + "." + property);
                    if (content == null) {
                        throw new TemplateException(
                                "layer " + reference.get("Ref").asText() + " has no local " + property);
                    }
                    return baseDir.resolve(content).normalize();
                }
            }
            String arn = intrinsics.resolveText(reference, functionId + ".Layers");
            warnings.add(functionId + ": layer " + arn + " is not in the template; it is not on the local class path");
            return null;
        }

        private void ssmParameter(String id, JsonNode resource, Map<String, String> parameters) {
            JsonNode props = resource.path("Properties");
            String name = intrinsics.resolveText(props.path("Name"), id + ".Name");
            if (name == null) {
                warnings.add(id + ": an SSM parameter without a Name is not seeded (CloudFormation would make one up)");
                return;
            }
            parameters.put(name, intrinsics.resolveText(props.path("Value"), id + ".Value"));
        }

        private TargetGroupSpec targetGroup(String id, JsonNode resource) {
            JsonNode props = resource.path("Properties");
            JsonNode targets = props.path("Targets");
            if (!targets.isArray() || targets.isEmpty()) {
                throw new TemplateException("a lambda target group needs one entry in Targets");
            }
            String target = intrinsics.resolveText(targets.get(0).path("Id"), id + ".Targets[0].Id");
            String[] function = functionOf(target);
            boolean multiValue = false;
            for (JsonNode attribute : intrinsics.resolve(props.path("TargetGroupAttributes"))) {
                if ("lambda.multi_value_headers.enabled"
                        .equals(attribute.path("Key").asText())) {
                    multiValue = Boolean.parseBoolean(attribute.path("Value").asText());
                }
            }
            String name = Optional.ofNullable(intrinsics.resolveText(props.path("Name"), id + ".Name"))
                    .orElse(id);
            String enabled = intrinsics.resolveText(props.path("HealthCheckEnabled"), id + ".HealthCheckEnabled");
            String path = intrinsics.resolveText(props.path("HealthCheckPath"), id + ".HealthCheckPath");
            String interval = intrinsics.resolveText(props.path("HealthCheckIntervalSeconds"), id);
            return new TargetGroupSpec(
                    id,
                    name,
                    account.targetGroupArn(name),
                    function[0],
                    function[1],
                    multiValue,
                    Boolean.parseBoolean(enabled),
                    path == null ? "/" : path,
                    interval == null ? 35 : Integer.parseInt(interval));
        }

        /** [logical id, qualifier or null] of a function named by name, ARN or name:qualifier. */
        private String[] functionOf(String target) {
            String name = target;
            String qualifier = null;
            String arnPrefix = "arn:aws:lambda:" + account.region() + ":" + account.accountId() + ":function:";
            if (name.startsWith(arnPrefix)) {
                name = name.substring(arnPrefix.length());
            }
            int colon = name.indexOf(':');
            if (colon > 0) {
                qualifier = name.substring(colon + 1);
                name = name.substring(0, colon);
            }
            Iterator<Map.Entry<String, JsonNode>> resources =
                    root.get("Resources").properties().iterator();
            while (resources.hasNext()) {
                Map.Entry<String, JsonNode> entry = resources.next();
                if (Intrinsics.isFunction(entry.getValue())
                        && (entry.getKey().equals(name)
                                || intrinsics.functionName(entry.getKey()).equals(name))) {
                    return new String[] {entry.getKey(), qualifier};
                }
            }
            throw new TemplateException("target " + target + " is not a function of this template");
        }

        private String required(JsonNode props, String name, String id) {
            String value = optional(props, name, id);
            if (value == null) {
                throw new TemplateException("function " + id + " has no " + name);
            }
            return value;
        }

        private String optional(JsonNode props, String name, String id) {
            return props.has(name) ? intrinsics.resolveText(props.get(name), id + "." + name) : null;
        }

        private String optionalOr(JsonNode props, String name, String id, String fallback) {
            String value = optional(props, name, id);
            return value == null ? fallback : value;
        }

        private static String textOrNull(JsonNode node) {
            return node == null || node.isNull() ? null : node.asText();
        }

        /**
         * SAM's Globals rules: the function's scalar wins, maps merge (the function's keys win), lists append
         * (the Globals' entries first).
         */
        static JsonNode merged(JsonNode globals, JsonNode own) {
            if (globals == null || globals.isMissingNode()) {
                return own;
            }
            if (own == null || own.isMissingNode()) {
                return globals;
            }
            if (globals.isObject() && own.isObject() && !isIntrinsic(own)) {
                ObjectNode out = ((ObjectNode) globals).deepCopy();
                own.properties().forEach(e -> out.set(e.getKey(), merged(globals.get(e.getKey()), e.getValue())));
                return out;
            }
            if (globals.isArray() && own.isArray()) {
                ArrayNode out = NODES.arrayNode();
                out.addAll((ArrayNode) globals);
                out.addAll((ArrayNode) own);
                return out;
            }
            return own;
        }

        private static boolean isIntrinsic(JsonNode node) {
            if (node.size() != 1) {
                return false;
            }
            String key = node.fieldNames().next();
            return key.equals("Ref") || key.startsWith("Fn::");
        }
    }
}
