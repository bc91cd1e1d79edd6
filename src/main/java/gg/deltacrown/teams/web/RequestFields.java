package gg.deltacrown.teams.web;

import gg.deltacrown.teams.FieldErrors;
import gg.deltacrown.web.JsonBody;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of a JSON request body with Django REST framework's type rules and messages
 * (a number is a valid string, {@code "5"} a valid integer, …), collecting type errors instead of
 * failing on the first. Range and format rules are the team module's; {@link #throwIfInvalid}
 * adds those for the fields that have no type error, so a client sees every problem at once.
 */
final class RequestFields {

    static final String NOT_NULL = "This field may not be null.";
    static final String NOT_A_STRING = "Not a valid string.";
    static final String NOT_AN_INTEGER = "A valid integer is required.";
    static final String NOT_A_BOOLEAN = "Must be a valid boolean.";

    private static final Pattern INTEGER_TEXT = Pattern.compile("\\s*[+-]?\\d+(\\.0*)?\\s*");
    private static final Set<String> TRUE_WORDS = Set.of("true", "t", "yes", "y", "on", "1");
    private static final Set<String> FALSE_WORDS = Set.of("false", "f", "no", "n", "off", "0");

    private final ObjectNode node;
    private final FieldErrors errors;
    private final String errorCode;

    private RequestFields(ObjectNode node, FieldErrors errors, String errorCode) {
        this.node = node;
        this.errors = errors;
        this.errorCode = errorCode;
    }

    /**
     * The body's fields; malformed JSON, a non-object or a value no field may hold (a NUL, a lone
     * surrogate, {@code 1e400}) is an {@link InvalidRequest} with {@code errorCode}.
     */
    static RequestFields read(byte[] body, JsonMapper json, String errorCode) {
        try {
            return new RequestFields(JsonBody.read(body, json), new FieldErrors(), errorCode);
        } catch (JsonBody.Unreadable e) {
            throw new InvalidRequest(errorCode, new FieldErrors().add("non_field_errors", e.getMessage()));
        } catch (JsonBody.InvalidValues e) {
            throw new InvalidRequest(errorCode, fieldErrors(e.problems(), new FieldErrors()));
        }
    }

    /** A string field; absent gives null, JSON null is an error. */
    String string(String name) {
        JsonNode value = node.get(name);
        if (value != null && value.isNull()) {
            errors.add(name, NOT_NULL);
            return null;
        }
        return nullableString(name);
    }

    /** A string field that may be null; absent and null both give null. */
    String nullableString(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isString() || value.isNumber()) {
            return value.asString();
        }
        errors.add(name, NOT_A_STRING);
        return null;
    }

    /** An integer field; absent gives null. */
    Long integer(String name, boolean nullable) {
        JsonNode value = node.get(name);
        if (value == null) {
            return null;
        }
        if (value.isNull()) {
            if (!nullable) {
                errors.add(name, NOT_NULL);
            }
            return null;
        }
        Long number = asLong(value);
        if (number == null) {
            errors.add(
                    name,
                    value.isString() && value.asString().length() > 1000 ? "String value too large." : NOT_AN_INTEGER);
        }
        return number;
    }

    /** A boolean field; absent or null gives {@code absent}. */
    boolean bool(String name, boolean absent) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        String text = value.isString() || value.isIntegralNumber()
                ? value.asString().trim().toLowerCase(Locale.ROOT)
                : "";
        if (TRUE_WORDS.contains(text)) {
            return true;
        }
        if (FALSE_WORDS.contains(text)) {
            return false;
        }
        errors.add(name, NOT_A_BOOLEAN);
        return absent;
    }

    /** An object field that may be null; absent and null give null. */
    RequestFields object(String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            errors.nested(name)
                    .add(
                            "non_field_errors",
                            "Invalid data. Expected a dictionary, but got " + JsonBody.typeName(value) + ".");
            return null;
        }
        return new RequestFields((ObjectNode) value, errors.nested(name), errorCode);
    }

    /** Throws when a field had the wrong type, with the module's problems of the other fields too. */
    void throwIfInvalid(FieldErrors problems) {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errorCode, errors.addMissing(problems));
        }
    }

    void throwIfInvalid() {
        throwIfInvalid(new FieldErrors());
    }

    @SuppressWarnings("unchecked")
    private static FieldErrors fieldErrors(Map<String, Object> problems, FieldErrors errors) {
        problems.forEach((field, problem) -> {
            if (problem instanceof Map<?, ?> nested) {
                fieldErrors((Map<String, Object>) nested, errors.nested(field));
            } else {
                ((List<String>) problem).forEach(message -> errors.add(field, message));
            }
        });
        return errors;
    }

    private static Long asLong(JsonNode value) {
        try {
            if (value.isIntegralNumber()) {
                return value.canConvertToLong() ? value.asLong() : null;
            }
            if (value.isNumber()) {
                BigDecimal decimal = value.decimalValue();
                return decimal.stripTrailingZeros().scale() <= 0 ? decimal.longValueExact() : null;
            }
            if (value.isString()
                    && value.asString().length() <= 1000
                    && INTEGER_TEXT.matcher(value.asString()).matches()) {
                return new BigDecimal(value.asString().trim()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException | JacksonException e) {
            return null;
        }
        return null;
    }
}
