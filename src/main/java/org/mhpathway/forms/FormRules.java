package org.mhpathway.forms;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.mhpathway.system.ContactDetails;
import org.mhpathway.system.FieldProblem;

/**
 * The rules a completed task's values are held to, read from its Camunda Form: what the form checks in the browser,
 * checked again on the server, where a caller of the REST API cannot skip them.
 *
 * <ul>
 *   <li>A field hidden by its {@code conditional.hide} is not required; a field shown is checked as the form shows it.
 *   <li>{@code validate.required}: present and not empty (blank text, an empty list). A required checkbox must be
 *       ticked, as form-js requires.
 *   <li>Types by component: a checkbox that is shown is {@code true} or {@code false} (form-js always records one,
 *       unticked is {@code false}); number a number; text field and text area text; select and radio one of the
 *       form's values; checklist and tag list a list of them; datetime an ISO date, time or date and time, as its
 *       subtype says. Options a form takes from a variable ({@code valuesKey}) are those the variable holds when the
 *       task completes: a value it does not offer is refused, as is any value when it offers none.
 *   <li>A dynamic list: a list of objects holding only its own fields, each checked as above, named by path
 *       ({@code carers[0].email}).
 *   <li>{@code validate.validationType: email} of a text field: an e-mail address, by form-js's own pattern.
 *   <li>{@code validate.minLength}, {@code maxLength} and {@code pattern} of text; {@code min} and {@code max} of a
 *       number. Text is never longer than {@link LongText#MAX_CHARACTERS}, whatever the form says.
 *   <li>Read-only and disabled fields are shown, not recorded: they are not checked here (see
 *       {@link CompletionWrites} for who may change them).
 * </ul>
 *
 * Values are those the process will go on with (sent now, or recorded before); required fields and shown checkboxes
 * must also be sent now. Values come as plain Java: {@code null}, {@link Boolean}, {@link Number}, {@link String}, {@link Date}, a
 * {@link Collection} (a JSON list), a {@link Map} (a JSON object) or {@link Unreadable}; a key absent from the map is a
 * value never recorded. No message quotes a value: it may be a patient's details.
 */
final class FormRules {

    private FormRules() {
    }

    /** A value of a type the rules cannot read as any form field records (bytes, XML, a Java object). */
    public record Unreadable(String type) {
    }

    /** What is wrong with the values, field by field in the form's order; empty when nothing is. */
    public static List<FieldProblem> check(FormSchema form, Map<String, ?> values) {
        return check(form, values, null);
    }

    /**
     * What is wrong with the values, field by field in the form's order, when the completion sent only the names in
     * {@code sent} (null: all of them). A required field, and a checkbox the form shows, must be among them, as the
     * form always sends them: a value recorded before (yesterday's answer to a daily review) is not this task's
     * answer.
     */
    public static List<FieldProblem> check(FormSchema form, Map<String, ?> values, Set<String> sent) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FormSchema.Field field : form.fields()) {
            if (field.readOnly()) {
                continue;
            }
            Optional<Boolean> hidden = HideCondition.hidden(field.hide(), values);
            // hidden, or perhaps hidden (a condition not understood): not required, but a value given is checked
            boolean shown = hidden.isPresent() && !hidden.get();
            boolean checkbox = "checkbox".equals(field.type());
            if (FormSchema.DYNAMIC_LIST.equals(field.type())) {
                problems.addAll(listProblems(field.key(), field, values.get(field.key()), shown, values));
                continue;
            }
            String problem = check(withOptionsOffered(field, values), values.get(field.key()), shown);
            if (problem == null && shown && (field.required() || checkbox) && sent != null
                    && !sent.contains(field.key())) {
                problem = checkbox ? "must be true or false" : "is required";
            }
            if (problem != null) {
                problems.add(new FieldProblem(field.key(), problem));
            }
        }
        return problems;
    }

    /** The field with the options its {@code valuesKey} variable offers, as form-js shows them; as it is otherwise. */
    static FormSchema.Field withOptionsOffered(FormSchema.Field field, Map<String, ?> values) {
        if (field.valuesKey() == null || field.options() != null) {
            return field;
        }
        List<String> offered = new ArrayList<>();
        if (values.get(field.valuesKey()) instanceof Collection<?> list) {
            for (Object option : list) {
                // form-js takes {label, value} objects, and Tasklist turns a list of strings into them
                Object value = option instanceof Map<?, ?> labelled ? labelled.get("value") : option;
                if (value instanceof String text) {
                    offered.add(text);
                }
            }
        }
        return new FormSchema.Field(field.key(), field.type(), field.readOnly(), field.required(), field.minLength(),
                field.maxLength(), field.pattern(), field.min(), field.max(), List.copyOf(offered), field.subtype(),
                field.timeSerializingFormat(), field.hide(), field.valuesKey(), field.validationType(), field.items());
    }

    static String check(FormSchema.Field field, Object value, boolean shown) {
        boolean empty = isEmpty(value);
        if ("checkbox".equals(field.type())) {
            if (value instanceof Boolean ticked) {
                return shown && field.required() && !ticked ? "must be ticked (true)" : null;
            }
            return shown || value != null ? "must be true or false" : null;
        }
        if (empty) {
            return shown && field.required() ? "is required" : null;
        }
        return switch (field.type()) {
            case "textfield", "textarea" -> text(field, value);
            case "number" -> number(field, value);
            case "select", "radio" -> option(field, value);
            case "checklist", "taglist" -> options(field, value);
            case "datetime" -> dateTime(field, value);
            // a component this service's forms do not use: its presence is all that is checked
            default -> null;
        };
    }

    /**
     * A dynamic list: a list of objects, each holding only the list's own fields, each field checked as it would be at
     * the top level. A condition of a field in an item reads the item's values first, then the form's. Problems are
     * named by path: {@code carers[0].email}.
     */
    private static List<FieldProblem> listProblems(String name, FormSchema.Field list, Object value, boolean shown,
                                                   Map<String, ?> formValues) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items)) {
            return List.of(new FieldProblem(name, "must be a list of objects"));
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            String itemName = name + "[" + i + "]";
            if (!(items.get(i) instanceof Map<?, ?> item)) {
                problems.add(new FieldProblem(itemName, "must be an object"));
                continue;
            }
            Map<String, ?> scope = new ItemFirst(item, formValues);
            for (Object key : item.keySet()) {
                if (list.items().stream().noneMatch(f -> f.key().equals(key))) {
                    problems.add(new FieldProblem(itemName + "." + key, "is not a field of this form"));
                }
            }
            for (FormSchema.Field field : list.items()) {
                if (field.readOnly()) {
                    continue;
                }
                Optional<Boolean> hidden = HideCondition.hidden(field.hide(), scope);
                boolean itemShown = shown && hidden.isPresent() && !hidden.get();
                String fieldName = itemName + "." + field.key();
                if (FormSchema.DYNAMIC_LIST.equals(field.type())) {
                    problems.addAll(listProblems(fieldName, field, item.get(field.key()), itemShown, scope));
                    continue;
                }
                String problem = check(withOptionsOffered(field, scope), item.get(field.key()), itemShown);
                if (problem != null) {
                    problems.add(new FieldProblem(fieldName, problem));
                }
            }
        }
        return problems;
    }

    /** An item's values, then the form's: what a condition of a field in a dynamic list reads. Read by name only. */
    private static final class ItemFirst extends java.util.AbstractMap<String, Object> {

        private final Map<?, ?> item;
        private final Map<String, ?> form;

        ItemFirst(Map<?, ?> item, Map<String, ?> form) {
            this.item = item;
            this.form = form;
        }

        @Override
        public Object get(Object name) {
            return item.containsKey(name) ? item.get(name) : form.get(name);
        }

        @Override
        public boolean containsKey(Object name) {
            return item.containsKey(name) || form.containsKey(name);
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            throw new UnsupportedOperationException("values are read by name");
        }
    }

    private static boolean isEmpty(Object value) {
        return value == null
                || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty();
    }

    private static String text(FormSchema.Field field, Object value) {
        if (!(value instanceof String text)) {
            return "must be text";
        }
        int max = field.maxLength() == null ? LongText.MAX_CHARACTERS
                : Math.min(field.maxLength(), LongText.MAX_CHARACTERS);
        if (text.length() > max) {
            return LongText.tooLong(max);
        }
        if (field.minLength() != null && text.strip().length() < field.minLength()) {
            return "must be at least " + field.minLength() + " characters";
        }
        if ("email".equals(field.validationType()) && !ContactDetails.formJsEmail(text)) {
            return "must be an e-mail address";
        }
        if (field.pattern() != null && !field.pattern().isEmpty()) {
            try {
                if (!Pattern.compile(field.pattern()).matcher(text).find()) {
                    return "must match the pattern " + field.pattern();
                }
            } catch (PatternSyntaxException notJava) {
                // a JavaScript pattern Java cannot read: the browser checked it, the type check above stands
            }
        }
        return null;
    }

    private static String number(FormSchema.Field field, Object value) {
        if (!(value instanceof Number n) || n instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return "must be a number";
        }
        BigDecimal number = new BigDecimal(n.toString());
        if (field.min() != null && number.compareTo(field.min()) < 0) {
            return "must be at least " + field.min().toPlainString();
        }
        if (field.max() != null && number.compareTo(field.max()) > 0) {
            return "must be at most " + field.max().toPlainString();
        }
        return null;
    }

    private static String option(FormSchema.Field field, Object value) {
        if (field.options() == null) {
            return value instanceof String || value instanceof Number || value instanceof Boolean ? null
                    : "must be a single value";
        }
        if (!(value instanceof String) || !field.options().contains(value)) {
            // options taken from a variable may be many (every housing authority): named by where they come from
            return field.valuesKey() != null ? "must be one of the choices the form offers (" + field.valuesKey() + ")"
                    : "must be one of " + field.options();
        }
        return null;
    }

    private static String options(FormSchema.Field field, Object value) {
        String fromOptions = field.options() == null ? null : "must be a list of values from "
                + (field.valuesKey() != null ? "the choices the form offers (" + field.valuesKey() + ")" : field.options());
        if (!(value instanceof Collection<?> list)) {
            return field.options() == null ? "must be a list" : fromOptions;
        }
        for (Object element : list) {
            boolean allowed = field.options() == null ? element instanceof String
                    : element instanceof String && field.options().contains(element);
            if (!allowed) {
                return field.options() == null ? "must be a list of text values" : fromOptions;
            }
        }
        return null;
    }

    private static String dateTime(FormSchema.Field field, Object value) {
        String subtype = field.subtype() == null ? "datetime" : field.subtype();
        String expected = switch (subtype) {
            case "date" -> "must be a date (YYYY-MM-DD)";
            case "time" -> "must be a time (hh:mm, with a UTC offset when the form records one)";
            default -> "must be a date and time (YYYY-MM-DDThh:mm with a UTC offset, such as 2026-11-24T09:15+00:00)";
        };
        if (value instanceof Date) {
            return "time".equals(subtype) ? expected : null;
        }
        if (!(value instanceof String text)) {
            return expected;
        }
        try {
            TemporalAccessor ignored = switch (subtype) {
                case "date" -> LocalDate.parse(text);
                case "time" -> text.length() > 8 ? OffsetTime.parse(text) : LocalTime.parse(text);
                default -> parseDateTime(text);
            };
            return null;
        } catch (DateTimeParseException e) {
            return expected;
        }
    }

    /** With an offset, as the forms record it; without one, it is read in the service's zone (IsoDateTimes). */
    private static TemporalAccessor parseDateTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(text);
        }
    }
}
