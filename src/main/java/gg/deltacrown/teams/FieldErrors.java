package gg.deltacrown.teams;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with an input, field by field, in the order found: messages per field, and
 * nested errors for an object field ({@code branding}). Serialised as Django REST framework does:
 * {@code {"name": ["…"], "branding": {"primary_color": ["…"]}}}.
 */
public final class FieldErrors {

    private final Map<String, List<String>> messages = new LinkedHashMap<>();
    private final Map<String, FieldErrors> nested = new LinkedHashMap<>();

    public FieldErrors add(String field, String message) {
        messages.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
        return this;
    }

    /** The errors of an object field, created on first use. */
    public FieldErrors nested(String field) {
        return nested.computeIfAbsent(field, f -> new FieldErrors());
    }

    /** True when the field has an error of its own or inside it. */
    public boolean has(String field) {
        return messages.containsKey(field)
                || (nested.containsKey(field) && !nested.get(field).isEmpty());
    }

    public List<String> of(String field) {
        return messages.getOrDefault(field, List.of());
    }

    public boolean isEmpty() {
        return messages.isEmpty() && nested.values().stream().allMatch(FieldErrors::isEmpty);
    }

    /** Adds the other's errors for every field that has none here yet. */
    public FieldErrors addMissing(FieldErrors other) {
        other.messages.forEach((field, list) -> {
            if (!has(field)) {
                messages.put(field, new ArrayList<>(list));
            }
        });
        other.nested.forEach((field, errors) -> {
            if (!messages.containsKey(field)) {
                nested(field).addMissing(errors);
            }
        });
        return this;
    }

    /** Plain maps and lists, ready to be written as JSON. */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        messages.forEach((field, list) -> map.put(field, List.copyOf(list)));
        nested.forEach((field, errors) -> {
            if (!errors.isEmpty() && !map.containsKey(field)) {
                map.put(field, errors.asMap());
            }
        });
        return map;
    }

    /** Messages by field, nested fields as {@code branding.logo_url}: what a form shows next to its inputs. */
    public Map<String, List<String>> byPath() {
        Map<String, List<String>> paths = new LinkedHashMap<>();
        messages.forEach((field, list) -> paths.put(field, List.copyOf(list)));
        nested.forEach((field, errors) -> errors.byPath().forEach((path, list) -> paths.put(field + "." + path, list)));
        return paths;
    }

    /** Throws {@link InvalidInputException} unless empty. */
    public void throwIfAny() {
        if (!isEmpty()) {
            throw new InvalidInputException(this);
        }
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
