package gg.deltacrown.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON request body read as a tree, so that endpoints can validate it field by field with
 * exact messages. An empty body is an empty object (a POST without body, like the runbook's remove).
 * Values no field may hold anywhere in the tree (a NUL or a lone surrogate in a string or a name,
 * a number too large for a double such as {@code 1e400}) are refused here, once for every endpoint.
 */
public final class JsonBody {

    static final String NOT_A_NUMBER = "A valid number is required.";

    private JsonBody() {}

    /**
     * The body's object; {@link Unreadable} when it is not JSON or not a JSON object,
     * {@link InvalidValues} when a value anywhere in it cannot be stored.
     */
    public static ObjectNode read(byte[] body, JsonMapper json) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : json.readTree(body);
        } catch (JacksonException e) {
            throw new Unreadable(true, "JSON parse error - the request body is not valid JSON.");
        }
        if (root == null || root.isMissingNode()) {
            return json.createObjectNode();
        }
        if (!root.isObject()) {
            throw new Unreadable(false, "Invalid data. Expected a dictionary, but got " + typeName(root) + ".");
        }
        Map<String, Object> problems = problems((ObjectNode) root);
        if (!problems.isEmpty()) {
            throw new InvalidValues(problems);
        }
        return (ObjectNode) root;
    }

    /** Python's names for JSON types, as in Django REST framework's messages. */
    public static String typeName(JsonNode node) {
        if (node.isArray()) {
            return "list";
        }
        if (node.isString()) {
            return "str";
        }
        if (node.isBoolean()) {
            return "bool";
        }
        if (node.isIntegralNumber()) {
            return "int";
        }
        if (node.isNumber()) {
            return "float";
        }
        if (node.isNull()) {
            return "NoneType";
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /** Field name to messages, or to the nested problems of an object field. */
    private static Map<String, Object> problems(ObjectNode object) {
        Map<String, Object> problems = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            String nameProblem = ForbiddenCharacters.problem(field.getKey());
            if (nameProblem != null) {
                problems.putIfAbsent("non_field_errors", List.of(nameProblem));
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isObject()) {
                Map<String, Object> nested = problems((ObjectNode) value);
                if (!nested.isEmpty()) {
                    problems.put(field.getKey(), nested);
                }
            } else {
                String problem = problem(value);
                if (problem != null) {
                    problems.put(field.getKey(), List.of(problem));
                }
            }
        }
        return problems;
    }

    /** The first problem of a value that is not an object; in a list, of its first bad element. */
    private static String problem(JsonNode value) {
        if (value.isString()) {
            return ForbiddenCharacters.problem(value.asString());
        }
        if (value.isFloatingPointNumber() && !value.isBigDecimal() && !Double.isFinite(value.asDouble())) {
            return NOT_A_NUMBER;
        }
        for (JsonNode element : value.isArray() ? value : List.<JsonNode>of()) {
            String problem = element.isObject() ? first(problems((ObjectNode) element)) : problem(element);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static String first(Map<String, Object> problems) {
        for (Object value : problems.values()) {
            return value instanceof Map<?, ?> nested
                    ? first((Map<String, Object>) nested)
                    : ((List<String>) value).get(0);
        }
        return null;
    }

    /** The body cannot be used: malformed JSON ({@code malformed}) or not an object. */
    public static final class Unreadable extends RuntimeException {
        private final boolean malformed;

        Unreadable(boolean malformed, String message) {
            super(message, null, false, false);
            this.malformed = malformed;
        }

        public boolean malformed() {
            return malformed;
        }
    }

    /**
     * Values no field may hold (see {@link JsonBody}): field name to messages, or to the nested
     * problems of an object field, as Django REST framework lays out its errors.
     */
    public static final class InvalidValues extends RuntimeException {
        private final transient Map<String, Object> problems;

        InvalidValues(Map<String, Object> problems) {
            super("invalid values: " + problems.keySet(), null, false, false);
            this.problems = problems;
        }

        public Map<String, Object> problems() {
            return problems;
        }
    }
}
