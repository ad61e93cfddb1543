package org.mhpathway.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;

/**
 * How the service's own API reads a JSON body: every field is the JSON type its endpoint documents, or the request is
 * refused with 400 naming the field ({@link ProblemResponses}). Jackson, left to itself, is lenient in ways that let a
 * wrong value decide something: it reads {@code 1}, {@code -1}, {@code "true"} and {@code ""} as booleans, and numbers
 * and booleans as text. Here:
 * <ul>
 *   <li>a boolean is JSON {@code true} or {@code false}, nothing else;</li>
 *   <li>text is a JSON string, never a number or a boolean;</li>
 *   <li>text holds no control character but tab, line feed and carriage return (a NUL cannot be stored by
 *       PostgreSQL, and none has a meaning in a referral, an address or a note);</li>
 *   <li>a field given twice is malformed JSON, not "the last one wins";</li>
 *   <li>a field the endpoint does not know is refused, not dropped.</li>
 * </ul>
 * Only the API's request bodies are read this way; the application's shared ObjectMapper is left as it is.
 */
public final class StrictJson {

    public static final String CONTROL_CHARACTERS = "must not contain control characters";

    private StrictJson() {
    }

    /** A copy of the application's mapper that reads request bodies strictly. */
    public static ObjectMapper reader(ObjectMapper shared) {
        ObjectMapper strict = shared.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        strict.registerModule(new SimpleModule("text without control characters")
                .addDeserializer(String.class, new Text()));
        return strict;
    }

    /** True when the text holds a control character other than tab, line feed or carriage return. */
    public static boolean hasControlCharacter(String text) {
        if (text == null) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    /** A string field, read as Jackson reads strings (with the coercion rules above), then held to the text rule. */
    static final class Text extends StringDeserializer {

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = super.deserialize(p, ctxt);
            if (hasControlCharacter(text)) {
                // the value is not quoted: it may be anything a client typed
                throw new ControlCharacterException(p);
            }
            return text;
        }
    }

    /** A string with a control character in it; Jackson adds the path of the field. */
    public static final class ControlCharacterException extends MismatchedInputException {

        ControlCharacterException(JsonParser p) {
            super(p, "text " + CONTROL_CHARACTERS, String.class);
        }
    }
}
