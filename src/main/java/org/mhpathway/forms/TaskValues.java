package org.mhpathway.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.SerializableValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * A task's values as {@link FormRules} reads them: plain Java, whatever type the caller sent them as. A JSON list
 * (Tasklist's {@code Json} values, or an {@code Object} in JSON, or a Java list set through the engine) becomes a
 * {@link java.util.List}; nothing is ever Java-deserialized; a value of a type no form field records is
 * {@link FormRules.Unreadable}.
 */
public final class TaskValues {

    private static final String JSON = "application/json";

    private TaskValues() {
    }

    /** The named variables as the scope sees them; a name the scope has no variable of is left out. */
    public static Map<String, Object> read(VariableScope scope, Collection<String> names, ObjectMapper json) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : names) {
            TypedValue typed = scope.getVariableTyped(name, false);
            if (typed != null) {
                values.put(name, plain(typed, json));
            }
        }
        return values;
    }

    static Object plain(TypedValue typed, ObjectMapper json) {
        Object value = typed.getValue();
        ValueType type = typed.getType();
        if (typed instanceof SerializableValue serializable) {
            boolean jsonType = type != null && "json".equals(type.getName());
            if (serializable.isDeserialized()) {
                if (value == null) {
                    return null;
                }
                // a Spin JSON node prints as its JSON; a Java object set through the engine is read as JSON would be
                return jsonType ? parse(String.valueOf(value), json) : convert(value, json);
            }
            if (jsonType || JSON.equals(serializable.getSerializationDataFormat())) {
                String text = serializable.getValueSerialized();
                return text == null ? null : parse(text, json);
            }
            return new FormRules.Unreadable(type == null ? "unknown" : type.getName());
        }
        if (value == null || value instanceof Boolean || value instanceof String || value instanceof Number
                || value instanceof Date) {
            return value;
        }
        return new FormRules.Unreadable(type == null ? value.getClass().getSimpleName() : type.getName());
    }

    private static Object convert(Object value, ObjectMapper json) {
        try {
            return json.convertValue(value, Object.class);
        } catch (IllegalArgumentException notJson) {
            return new FormRules.Unreadable(value.getClass().getSimpleName());
        }
    }

    private static Object parse(String text, ObjectMapper json) {
        try {
            return json.readValue(text, Object.class);
        } catch (JsonProcessingException | IllegalArgumentException notJson) {
            return new FormRules.Unreadable("json");
        }
    }
}
