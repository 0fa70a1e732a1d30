package dev.lambdarouter.localstack.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The Parameter Store operations on JSON requests and responses, member names as in the AWS JSON 1.1 protocol.
 *
 * <p>Listings ({@code GetParametersByPath}, {@code DescribeParameters}) return parameters in creation order and give
 * a {@code NextToken} whenever a page is full (so an exactly full last page is followed by an empty one), as moto
 * does; both are within what AWS documents (order unspecified, pages of 0..MaxResults items). {@code WithDecryption}
 * is ignored: a {@code SecureString} is stored and returned in plain text.
 */
final class SsmOperations {
    static final String ACCOUNT_ID = "123456789012";
    static final List<String> SUPPORTED = List.of(
            "GetParameter",
            "GetParameters",
            "GetParametersByPath",
            "PutParameter",
            "DeleteParameter",
            "DeleteParameters",
            "DescribeParameters");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int BY_PATH_MAX_RESULTS = 10;
    private static final int DESCRIBE_MAX_RESULTS = 50;
    private static final int NAMES_MAX = 10;

    private final ParameterTable table;

    SsmOperations(ParameterTable table) {
        this.table = table;
    }

    /** Runs {@code operation} (the part of {@code X-Amz-Target} after {@code AmazonSSM.}). */
    ObjectNode invoke(String operation, JsonNode request, String region) {
        return switch (operation) {
            case "GetParameter" -> getParameter(request, region);
            case "GetParameters" -> getParameters(request, region);
            case "GetParametersByPath" -> getParametersByPath(request, region);
            case "PutParameter" -> putParameter(request);
            case "DeleteParameter" -> deleteParameter(request);
            case "DeleteParameters" -> deleteParameters(request);
            case "DescribeParameters" -> describeParameters(request, region);
            default ->
                throw SsmError.of(
                        "UnknownOperationException",
                        "The local Parameter Store does not support the" + " operation AmazonSSM." + operation
                                + ". Supported: " + String.join(", ", SUPPORTED) + ".");
        };
    }

    private ObjectNode getParameter(JsonNode request, String region) {
        String name = string(request, "Name");
        optionalBoolean(request, "WithDecryption", false);
        ParameterTable.Found found = table.get(name);
        ObjectNode response = NODES.objectNode();
        response.set("Parameter", parameterJson(found.parameter(), found.selector(), region));
        return response;
    }

    private ObjectNode getParameters(JsonNode request, String region) {
        List<String> names = names(request);
        optionalBoolean(request, "WithDecryption", false);
        ObjectNode response = NODES.objectNode();
        ArrayNode parameters = response.putArray("Parameters");
        ArrayNode invalid = response.putArray("InvalidParameters");
        for (String name : new LinkedHashSet<>(names)) {
            try {
                ParameterTable.Found found = table.get(name);
                parameters.add(parameterJson(found.parameter(), found.selector(), region));
            } catch (SsmError notFound) {
                invalid.add(name);
            }
        }
        return response;
    }

    private ObjectNode getParametersByPath(JsonNode request, String region) {
        String path = string(request, "Path");
        if (path == null) {
            throw SsmError.mustNotBeNull("path");
        }
        ParameterNames.validatePath(path);
        boolean recursive = optionalBoolean(request, "Recursive", false);
        optionalBoolean(request, "WithDecryption", false);
        int maxResults = maxResults(request, BY_PATH_MAX_RESULTS, BY_PATH_MAX_RESULTS);
        Predicate<ParameterVersion> filter = ParameterFilters.forGetParametersByPath(request.get("ParameterFilters"));
        List<ParameterVersion> matching =
                table.latestUnder(path, recursive).stream().filter(filter).toList();
        return page(matching, request, maxResults, p -> parameterJson(p, null, region));
    }

    private ObjectNode describeParameters(JsonNode request, String region) {
        int maxResults = maxResults(request, 10, DESCRIBE_MAX_RESULTS);
        Predicate<ParameterVersion> filter =
                ParameterFilters.forDescribeParameters(request.get("Filters"), request.get("ParameterFilters"));
        List<ParameterVersion> matching =
                table.latestAll().stream().filter(filter).toList();
        return page(matching, request, maxResults, p -> metadataJson(p, region));
    }

    private ObjectNode putParameter(JsonNode request) {
        JsonNode tags = request.get("Tags");
        ParameterVersion stored = table.put(new PutParameterRequest(
                string(request, "Name"),
                string(request, "Value"),
                string(request, "Type"),
                string(request, "Tier"),
                optionalBoolean(request, "Overwrite", false),
                string(request, "Description"),
                string(request, "DataType"),
                string(request, "AllowedPattern"),
                tags != null && tags.isArray() && !tags.isEmpty()));
        ObjectNode response = NODES.objectNode();
        response.put("Version", stored.version());
        response.put("Tier", stored.tier());
        return response;
    }

    private ObjectNode deleteParameter(JsonNode request) {
        table.delete(string(request, "Name"));
        return NODES.objectNode();
    }

    private ObjectNode deleteParameters(JsonNode request) {
        List<String> names = names(request);
        List<String> deleted = table.deleteAll(names);
        ObjectNode response = NODES.objectNode();
        ArrayNode deletedJson = response.putArray("DeletedParameters");
        ArrayNode invalid = response.putArray("InvalidParameters");
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (seen.add(name)) {
                (deleted.contains(name) ? deletedJson : invalid).add(name);
            }
        }
        return response;
    }

    private interface ToJson {
        ObjectNode apply(ParameterVersion parameter);
    }

    private static ObjectNode page(List<ParameterVersion> all, JsonNode request, int maxResults, ToJson toJson) {
        int offset = decodeToken(string(request, "NextToken"), all.size());
        List<ParameterVersion> page = all.subList(offset, Math.min(all.size(), offset + maxResults));
        ObjectNode response = NODES.objectNode();
        ArrayNode parameters = response.putArray("Parameters");
        page.forEach(p -> parameters.add(toJson.apply(p)));
        if (page.size() == maxResults) {
            response.put("NextToken", encodeToken(offset + maxResults));
        }
        return response;
    }

    private static ObjectNode parameterJson(ParameterVersion p, String selector, String region) {
        ObjectNode json = NODES.objectNode();
        json.put("Name", p.name());
        json.put("Type", p.type());
        json.put("Value", p.value());
        json.put("Version", p.version());
        if (selector != null) {
            json.put("Selector", selector);
        }
        json.put("LastModifiedDate", epochSeconds(p));
        json.put("ARN", ParameterNames.arn(region, ACCOUNT_ID, p.name()));
        json.put("DataType", p.dataType());
        return json;
    }

    private static ObjectNode metadataJson(ParameterVersion p, String region) {
        ObjectNode json = NODES.objectNode();
        json.put("Name", p.name());
        json.put("ARN", ParameterNames.arn(region, ACCOUNT_ID, p.name()));
        json.put("Type", p.type());
        if (p.type().equals("SecureString")) {
            json.put("KeyId", "alias/aws/ssm");
        }
        json.put("LastModifiedDate", epochSeconds(p));
        json.put("LastModifiedUser", "arn:aws:iam::" + ACCOUNT_ID + ":user/local-stack");
        if (p.description() != null) {
            json.put("Description", p.description());
        }
        if (p.allowedPattern() != null) {
            json.put("AllowedPattern", p.allowedPattern());
        }
        json.put("Version", p.version());
        json.put("Tier", p.tier());
        json.putArray("Policies");
        json.put("DataType", p.dataType());
        return json;
    }

    private static BigDecimal epochSeconds(ParameterVersion p) {
        return BigDecimal.valueOf(p.lastModified().toEpochMilli(), 3);
    }

    private static String encodeToken(int offset) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(("local-ssm-page:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decodeToken(String token, int size) {
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith("local-ssm-page:")) {
                int offset = Integer.parseInt(decoded.substring("local-ssm-page:".length()));
                if (offset >= 0) {
                    return Math.min(offset, size);
                }
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw SsmError.of("InvalidNextToken", "The specified token isn't valid.");
    }

    private static int maxResults(JsonNode request, int defaultValue, int limit) {
        JsonNode node = request.get("MaxResults");
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isIntegralNumber()) {
            throw SsmError.serialization("MaxResults must be an integer");
        }
        int value = node.asInt();
        if (value < 1 || value > limit) {
            throw SsmError.validation(
                    "1 validation error detected: Value '" + node.asText() + "' at 'maxResults' failed"
                            + " to satisfy constraint: Member must have value "
                            + (value < 1 ? "greater than or equal to 1" : "less than or equal to " + limit));
        }
        return value;
    }

    private static List<String> names(JsonNode request) {
        JsonNode node = request.get("Names");
        if (node == null || node.isNull()) {
            throw SsmError.mustNotBeNull("names");
        }
        if (!node.isArray()) {
            throw SsmError.serialization("Names must be a list of strings");
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : node) {
            if (!name.isTextual()) {
                throw SsmError.serialization("Names must be a list of strings");
            }
            names.add(name.asText());
        }
        if (names.isEmpty() || names.size() > NAMES_MAX) {
            throw SsmError.validation("1 validation error detected: Value '" + names + "' at 'names' failed to satisfy"
                    + " constraint: Member must have length "
                    + (names.isEmpty() ? "greater than or equal to 1" : "less than or equal to " + NAMES_MAX));
        }
        return names;
    }

    private static String string(JsonNode request, String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw SsmError.serialization(member + " must be a string");
        }
        return node.asText();
    }

    private static boolean optionalBoolean(JsonNode request, String member, boolean defaultValue) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            throw SsmError.serialization(member + " must be a boolean");
        }
        return node.asBoolean();
    }
}
