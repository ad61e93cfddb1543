package org.mhpathway.forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Camunda Form (form-js JSON, {@code forms/*.form}) asks of the values it records: its fields with a key, in
 * the order the form shows them. Display components (text, headings) record nothing and are left out; the fields of
 * a group are read as if they stood at the top level, as form-js records them. A dynamic list is one field, keyed by
 * its {@code path}, whose value is a list of objects each holding the list's own fields.
 *
 * @param id     the form's id, as {@code camunda:formRef} names it
 * @param fields the fields with a key, in the form's order
 */
record FormSchema(String id, List<Field> fields) {

    public FormSchema {
        fields = List.copyOf(fields);
    }

    /** The form's fields by key. */
    public Map<String, Field> byKey() {
        Map<String, Field> byKey = new LinkedHashMap<>();
        fields.forEach(f -> byKey.putIfAbsent(f.key(), f));
        return byKey;
    }

    /**
     * One field of the form.
     *
     * @param key                   the variable the field records
     * @param type                  form-js component type: {@code textfield}, {@code textarea}, {@code checkbox},
     *                              {@code number}, {@code select}, {@code radio}, {@code checklist}, {@code taglist},
     *                              {@code datetime}, ...
     * @param readOnly              shown, not recorded: {@code readonly} (true, or an expression) or {@code disabled}
     * @param required              {@code validate.required}
     * @param minLength             {@code validate.minLength}, or null
     * @param maxLength             {@code validate.maxLength}, or null
     * @param pattern               {@code validate.pattern}, or null
     * @param min                   {@code validate.min} of a number, or null
     * @param max                   {@code validate.max} of a number, or null
     * @param options               the {@code value}s of a select, radio, checklist or taglist with static options;
     *                              null when the form has none or takes them from a variable
     * @param subtype               a datetime's {@code subtype}: {@code date}, {@code time} or {@code datetime}
     * @param timeSerializingFormat a datetime's {@code timeSerializingFormat}, or null
     * @param hide                  the FEEL expression of {@code conditional.hide}, or null
     * @param valuesKey             the variable a select, radio, checklist or taglist takes its options from
     *                              ({@code valuesKey}: a list of {@code {label, value}}, or of values), or null
     * @param validationType        {@code validate.validationType} of a text field ({@code email}, {@code phone}), or
     *                              null
     * @param items                 the fields of each item of a dynamic list ({@code dynamiclist}, recorded as a list
     *                              of objects under its {@code path}, which is this field's key); null for any other
     *                              field
     */
    public record Field(String key, String type, boolean readOnly, boolean required, Integer minLength,
                        Integer maxLength, String pattern, BigDecimal min, BigDecimal max, List<String> options,
                        String subtype, String timeSerializingFormat, String hide, String valuesKey,
                        String validationType, List<Field> items) {

        public Field {
            items = items == null ? null : List.copyOf(items);
        }

        /** A field whose options, if any, are in the form itself; not a dynamic list, no {@code validationType}. */
        public Field(String key, String type, boolean readOnly, boolean required, Integer minLength, Integer maxLength,
                     String pattern, BigDecimal min, BigDecimal max, List<String> options, String subtype,
                     String timeSerializingFormat, String hide) {
            this(key, type, readOnly, required, minLength, maxLength, pattern, min, max, options, subtype,
                    timeSerializingFormat, hide, null, null, null);
        }
    }

    /** A dynamic list: a repeated group of fields, each repetition recorded as one object of the list. */
    static final String DYNAMIC_LIST = "dynamiclist";

    /** Reads a form as deployed. */
    public static FormSchema parse(byte[] form, ObjectMapper json) throws IOException {
        JsonNode root = json.readTree(form);
        if (root == null || !root.isObject() || !root.path("components").isArray()) {
            throw new IOException("not a Camunda Form: no components");
        }
        List<Field> fields = new ArrayList<>();
        collect(root.get("components"), fields);
        return new FormSchema(root.path("id").asText(null), fields);
    }

    private static void collect(JsonNode components, List<Field> fields) {
        for (JsonNode c : components) {
            if (DYNAMIC_LIST.equals(c.path("type").asText()) && !c.path("path").asText("").isBlank()) {
                // one field, the list under its path; its own fields are checked in each item
                List<Field> items = new ArrayList<>();
                collect(c.path("components"), items);
                fields.add(new Field(c.get("path").asText(), DYNAMIC_LIST, c.path("readonly").asBoolean(false)
                        || c.path("disabled").asBoolean(false), false, null, null, null, null, null, null, null, null,
                        c.path("conditional").path("hide").asText(null), null, null, items));
                continue;
            }
            String key = c.path("key").asText(null);
            if (key != null && !key.isBlank()) {
                fields.add(field(c, key));
            }
            // a group lays out its fields and records them at the top level; a group with a path would nest them
            // under it, and no form here uses one
            if (c.path("components").isArray() && !c.hasNonNull("path")) {
                collect(c.get("components"), fields);
            }
        }
    }

    private static Field field(JsonNode c, String key) {
        JsonNode validate = c.path("validate");
        JsonNode readonly = c.path("readonly");
        boolean readOnly = readonly.isBoolean() ? readonly.booleanValue()
                : readonly.isTextual() && !readonly.textValue().isBlank() && !"false".equals(readonly.textValue());
        readOnly |= c.path("disabled").asBoolean(false);
        List<String> options = null;
        if (c.path("values").isArray() && !c.hasNonNull("valuesKey") && !c.hasNonNull("valuesExpression")) {
            List<String> values = new ArrayList<>();
            c.get("values").forEach(v -> values.add(v.path("value").asText()));
            options = Collections.unmodifiableList(values);
        }
        return new Field(key, c.path("type").asText(""), readOnly, validate.path("required").asBoolean(false),
                integer(validate, "minLength"), integer(validate, "maxLength"), validate.path("pattern").asText(null),
                decimal(validate, "min"), decimal(validate, "max"), options, c.path("subtype").asText(null),
                c.path("timeSerializingFormat").asText(null), c.path("conditional").path("hide").asText(null),
                c.hasNonNull("valuesKey") ? c.get("valuesKey").asText() : null,
                validate.path("validationType").asText(null), null);
    }

    private static Integer integer(JsonNode validate, String name) {
        JsonNode n = validate.get(name);
        return n != null && n.canConvertToInt() ? n.intValue() : null;
    }

    private static BigDecimal decimal(JsonNode validate, String name) {
        JsonNode n = validate.get(name);
        return n != null && n.isNumber() ? n.decimalValue() : null;
    }
}
