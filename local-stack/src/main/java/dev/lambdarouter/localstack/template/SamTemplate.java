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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A SAM template ({@code template.yaml}) read for a local run: its functions (Globals merged, {@code !Sub},
 * {@code !Ref} and friends resolved with the parameters' defaults), the Lambda target group the load balancer
 * forwards to, the {@code AWS::SSM::Parameter} resources that seed Parameter Store, the functions' {@code Schedule}
 * events and the {@code AWS::CloudWatch::Alarm}s ({@code alarms}: each alarm's properties, resolved where the local
 * intrinsics can, keyed by {@code AlarmName}, which is the logical ID when the template sets none).
 *
 * <p>Relative {@code CodeUri} / {@code ContentUri} paths are resolved against a base directory (the template's
 * directory unless told otherwise), as {@code sam} does.
 */
public record SamTemplate(
        LocalAccount account,
        List<FunctionSpec> functions,
        Optional<TargetGroupSpec> targetGroup,
        Map<String, String> ssmParameters,
        List<ScheduleSpec> schedules,
        Map<String, ObjectNode> alarms) {

    /**
     * A function's {@code Schedule} event (EventBridge rule): {@code expression} as written ({@code rate(...)} or
     * {@code cron(...)}), {@code input} the event's {@code Input} (a JSON text sent instead of the scheduled event)
     * or {@code null}.
     */
    public record ScheduleSpec(String function, String event, String expression, String input) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** The resource types the local stack runs or reads. */
    private static final Set<String> RUN = Set.of(
            "AWS::Serverless::Function",
            "AWS::SSM::Parameter",
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            "AWS::CloudWatch::Alarm");

    /**
     * Reads and resolves a template; relative code and layer paths resolve against {@code baseDir}, parameters not
     * given take their {@code Default}, {@code account} gives pseudo parameters and ARNs.
     *
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

    private record Reading(Path file, Path baseDir, JsonNode root, Intrinsics intrinsics, LocalAccount account) {

        SamTemplate read() {
            List<FunctionSpec> functions = new ArrayList<>();
            Map<String, String> parameters = new LinkedHashMap<>();
            List<ScheduleSpec> schedules = new ArrayList<>();
            Map<String, ObjectNode> alarms = new LinkedHashMap<>();
            Map.Entry<String, JsonNode> targetGroup = null;
            for (Map.Entry<String, JsonNode> entry : root.get("Resources").properties()) {
                String id = entry.getKey();
                JsonNode resource = entry.getValue();
                String type = resource.path("Type").asText();
                // Resources without a local counterpart (alarms, dashboards, topics, the load balancer...) are not
                // read at all: neither their Condition nor anything in their properties is evaluated.
                if (!RUN.contains(type)
                        || (resource.has("Condition")
                                && !intrinsics.condition(
                                        resource.get("Condition").asText()))) {
                    continue;
                }
                try {
                    switch (type) {
                        case "AWS::Serverless::Function" -> {
                            functions.add(function(id, resource));
                            schedules.addAll(schedules(id, resource));
                        }
                        case "AWS::CloudWatch::Alarm" -> {
                            ObjectNode alarm = alarm(id, resource.path("Properties"));
                            alarms.put(alarm.get("AlarmName").asText(), alarm);
                        }
                        case "AWS::SSM::Parameter" ->
                            parameters.put(
                                    intrinsics.resolveText(
                                            resource.path("Properties").path("Name"), id + ".Name"),
                                    intrinsics.resolveText(
                                            resource.path("Properties").path("Value"), id + ".Value"));
                        case "AWS::ElasticLoadBalancingV2::TargetGroup" -> {
                            boolean lambda = "lambda"
                                    .equals(resource.path("Properties")
                                            .path("TargetType")
                                            .asText());
                            targetGroup = targetGroup == null && lambda ? entry : targetGroup;
                        }
                        default -> throw new IllegalStateException(type);
                    }
                } catch (TemplateException e) {
                    throw new TemplateException(file.getFileName() + ": resource " + id + ": " + e.getMessage(), e);
                }
            }
            TargetGroupSpec group = null;
            if (targetGroup != null) {
                try {
                    group = targetGroup(targetGroup.getKey(), targetGroup.getValue());
                } catch (TemplateException e) {
                    throw new TemplateException(
                            file.getFileName() + ": target group " + targetGroup.getKey() + ": " + e.getMessage(), e);
                }
            }
            return new SamTemplate(
                    account, List.copyOf(functions), Optional.ofNullable(group), parameters, schedules, alarms);
        }

        /** The function's {@code Schedule} events; other event types have no local source. */
        private List<ScheduleSpec> schedules(String id, JsonNode resource) {
            List<ScheduleSpec> out = new ArrayList<>();
            for (Map.Entry<String, JsonNode> event :
                    resource.path("Properties").path("Events").properties()) {
                JsonNode props = event.getValue().path("Properties");
                if ("Schedule".equals(event.getValue().path("Type").asText())
                        && !"false".equals(optionalOr(props, "Enabled", id, "true"))
                        && !"DISABLED".equals(optional(props, "State", id))) {
                    String where = id + ".Events." + event.getKey();
                    out.add(new ScheduleSpec(
                            id, event.getKey(), required(props, "Schedule", where), optional(props, "Input", where)));
                }
            }
            return out;
        }

        /**
         * An alarm's properties, resolved; when some property uses what the local intrinsics cannot evaluate, only
         * its name (the alarm still exists, without its metric details).
         */
        private ObjectNode alarm(String id, JsonNode props) {
            ObjectNode alarm;
            try {
                alarm = (ObjectNode) intrinsics.resolve(props);
            } catch (TemplateException | ClassCastException e) {
                alarm = NODES.objectNode();
            }
            return alarm.put("AlarmName", optionalOr(props, "AlarmName", id, id));
        }

        private FunctionSpec function(String id, JsonNode resource) {
            JsonNode props = merged(root.path("Globals").path("Function"), resource.path("Properties"));
            String handler = required(props, "Handler", id);
            String codeUri = required(props, "CodeUri", id);
            List<Path> layers = new ArrayList<>();
            props.path("Layers").forEach(layer -> layers.add(layer(layer)));
            Map<String, String> env = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> variable :
                    props.path("Environment").path("Variables").properties()) {
                String value = intrinsics.resolveText(variable.getValue(), "Environment " + variable.getKey());
                if (value != null) {
                    env.put(variable.getKey(), value);
                }
            }
            JsonNode loggingNode = intrinsics.resolve(props.path("LoggingConfig"));
            FunctionSpec.LoggingSpec logging = loggingNode.isObject()
                    ? new FunctionSpec.LoggingSpec(
                            loggingNode.path("LogFormat").asText("Text"),
                            loggingNode.path("ApplicationLogLevel").textValue(),
                            loggingNode.path("SystemLogLevel").textValue())
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

        /** A layer given as {@code !Ref} to the template's {@code AWS::Serverless::LayerVersion}. */
        private Path layer(JsonNode reference) {
            JsonNode layer = root.path("Resources").path(reference.path("Ref").asText());
            if (!layer.path("Type").asText().equals("AWS::Serverless::LayerVersion")) {
                throw new TemplateException("layer " + reference + " is not a !Ref to an AWS::Serverless::LayerVersion"
                        + " of the template (the local stack runs only local layers)");
            }
            return baseDir.resolve(
                            intrinsics.resolveText(layer.path("Properties").path("ContentUri"), "ContentUri"))
                    .normalize();
        }

        private TargetGroupSpec targetGroup(String id, JsonNode resource) {
            JsonNode props = resource.path("Properties");
            JsonNode targets = props.path("Targets");
            if (!targets.isArray() || targets.isEmpty()) {
                throw new TemplateException("a lambda target group needs one entry in Targets");
            }
            // A function name or ARN, optionally with :qualifier (e.g. !Ref RouterFunction.Alias).
            String target = intrinsics.resolveText(targets.get(0).path("Id"), id + ".Targets[0].Id");
            boolean multiValue = false;
            for (JsonNode attribute : intrinsics.resolve(props.path("TargetGroupAttributes"))) {
                if ("lambda.multi_value_headers.enabled"
                        .equals(attribute.path("Key").asText())) {
                    multiValue = Boolean.parseBoolean(attribute.path("Value").asText());
                }
            }
            String groupName = Optional.ofNullable(intrinsics.resolveText(props.path("Name"), id + ".Name"))
                    .orElse(id);
            String path = intrinsics.resolveText(props.path("HealthCheckPath"), id + ".HealthCheckPath");
            String interval = intrinsics.resolveText(props.path("HealthCheckIntervalSeconds"), id);
            return new TargetGroupSpec(
                    account.targetGroupArn(groupName),
                    target,
                    multiValue,
                    Boolean.parseBoolean(intrinsics.resolveText(props.path("HealthCheckEnabled"), id)),
                    path == null ? "/" : path,
                    interval == null ? 35 : Integer.parseInt(interval));
        }

        private String required(JsonNode props, String name, String id) {
            String value = optional(props, name, id);
            if (value == null) {
                throw new TemplateException("function " + id + " has no " + name);
            }
            return value;
        }

        private String optional(JsonNode props, String name, String id) {
            return optionalOr(props, name, id, null);
        }

        private String optionalOr(JsonNode props, String name, String id, String fallback) {
            String value = props.has(name) ? intrinsics.resolveText(props.get(name), id + "." + name) : null;
            return value == null ? fallback : value;
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
            if (globals.isObject() && own.isObject() && !Intrinsics.isCall(own)) {
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
    }
}
