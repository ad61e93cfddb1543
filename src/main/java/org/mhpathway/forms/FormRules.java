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
public final class FormRules {

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
                field.timeSerializingFormat(), field.hide(), field.valuesKey());
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
