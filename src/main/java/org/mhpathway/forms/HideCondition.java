package org.mhpathway.forms;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;

/**
 * The small part of FEEL that the forms' {@code conditional.hide} expressions use, evaluated as form-js evaluates them:
 * a field is hidden only when its expression is {@code true}. Understood: a variable name, {@code not(...)},
 * {@code =} and {@code !=} against a string, number, boolean or null literal, {@code and}, {@code or} and brackets,
 * with FEEL's three-valued logic (a name that is not a boolean makes {@code not(name)} null, so the field shows).
 *
 * <p>An expression outside this part is not guessed at: {@link #hidden} answers empty, and the field is then checked
 * as one that may be hidden (its value not required, but checked when given).
 */
final class HideCondition {

    private final String text;
    private int at;

    private HideCondition(String text) {
        this.text = text;
    }

    /**
     * Whether the field is hidden given these values (a name absent from the map is null), or empty when the
     * expression is not one this class understands.
     */
    static Optional<Boolean> hidden(String expression, Map<String, ?> values) {
        if (expression == null || expression.isBlank()) {
            return Optional.of(false);
        }
        String feel = expression.strip();
        if (!feel.startsWith("=")) {
            // a plain value rather than an expression: form-js hides on the literal true only
            return Optional.of("true".equals(feel));
        }
        HideCondition parser = new HideCondition(feel.substring(1));
        try {
            Node node = parser.or();
            parser.space();
            if (parser.at != parser.text.length()) {
                return Optional.empty();
            }
            return Optional.of(Boolean.TRUE.equals(node.eval(values)));
        } catch (IllegalArgumentException notUnderstood) {
            return Optional.empty();
        }
    }

    private interface Node {
        Object eval(Map<String, ?> values);
    }

    private Node or() {
        Node left = and();
        while (word("or")) {
            Node l = left;
            Node r = and();
            left = v -> {
                Object a = l.eval(v);
                Object b = r.eval(v);
                if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
                    return true;
                }
                return Boolean.FALSE.equals(a) && Boolean.FALSE.equals(b) ? false : null;
            };
        }
        return left;
    }

    private Node and() {
        Node left = comparison();
        while (word("and")) {
            Node l = left;
            Node r = comparison();
            left = v -> {
                Object a = l.eval(v);
                Object b = r.eval(v);
                if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
                    return false;
                }
                return Boolean.TRUE.equals(a) && Boolean.TRUE.equals(b) ? true : null;
            };
        }
        return left;
    }

    private Node comparison() {
        Node left = operand();
        space();
        boolean notEqual = text.startsWith("!=", at);
        if (notEqual || at < text.length() && text.charAt(at) == '=') {
            at += notEqual ? 2 : 1;
            Node l = left;
            Node r = operand();
            return v -> {
                Boolean equal = equal(l.eval(v), r.eval(v));
                return equal == null ? null : equal != notEqual;
            };
        }
        return left;
    }

    private Node operand() {
        space();
        if (at >= text.length()) {
            throw new IllegalArgumentException("expression ends early");
        }
        char c = text.charAt(at);
        if (c == '(') {
            at++;
            Node inner = or();
            expect(')');
            return inner;
        }
        if (c == '"') {
            int end = text.indexOf('"', at + 1);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed string");
            }
            String literal = text.substring(at + 1, end);
            at = end + 1;
            return v -> literal;
        }
        if (Character.isDigit(c) || c == '-') {
            int start = at++;
            while (at < text.length() && (Character.isDigit(text.charAt(at)) || text.charAt(at) == '.')) {
                at++;
            }
            BigDecimal number = new BigDecimal(text.substring(start, at));
            return v -> number;
        }
        if (Character.isLetter(c) || c == '_') {
            int start = at;
            while (at < text.length() && (Character.isLetterOrDigit(text.charAt(at)) || text.charAt(at) == '_')) {
                at++;
            }
            String name = text.substring(start, at);
            switch (name) {
                case "true":
                    return v -> true;
                case "false":
                    return v -> false;
                case "null":
                    return v -> null;
                case "not": {
                    expect('(');
                    Node inner = or();
                    expect(')');
                    return v -> inner.eval(v) instanceof Boolean b ? !b : null;
                }
                case "and", "or":
                    throw new IllegalArgumentException("operator where a value belongs");
                default:
                    space();
                    if (at < text.length() && (text.charAt(at) == '(' || text.charAt(at) == '.')) {
                        throw new IllegalArgumentException("function or path not understood: " + name);
                    }
                    return v -> v.get(name);
            }
        }
        throw new IllegalArgumentException("not understood at " + at);
    }

    /** FEEL equality: null equals only null; numbers by value; other types must match. */
    private static Boolean equal(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        if (a instanceof Boolean && b instanceof Boolean || a instanceof String && b instanceof String) {
            return a.equals(b);
        }
        return null;
    }

    private boolean word(String word) {
        space();
        int end = at + word.length();
        if (text.startsWith(word, at) && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)))) {
            at = end;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        space();
        if (at >= text.length() || text.charAt(at) != c) {
            throw new IllegalArgumentException("expected " + c);
        }
        at++;
    }

    private void space() {
        while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
            at++;
        }
    }
}
