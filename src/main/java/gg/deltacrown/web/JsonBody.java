package gg.deltacrown.web;

import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON request body read as a tree, so that endpoints can validate it field by field with
 * exact messages. An empty body is an empty object (a POST without body, like the runbook's remove).
 */
public final class JsonBody {

    private JsonBody() {}

    /** The body's object; {@link Unreadable} when it is not JSON or not a JSON object. */
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
}
