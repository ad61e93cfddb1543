package org.mhpathway.forms;

import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.impl.variable.serializer.PrimitiveValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.impl.value.UntypedValueImpl;
import org.camunda.bpm.engine.variable.type.ValueType;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.camunda.bpm.engine.variable.value.TypedValue;

/**
 * Text variables longer than the engine's text column stored whole. Camunda keeps a String variable in
 * {@code ACT_RU_VARIABLE.TEXT_}, a {@code varchar(4000)}: a longer clinical note failed in the database, with a 500,
 * and the text the clinician typed was lost. This serializer takes every String over {@value #TEXT_COLUMN} characters
 * and keeps it, UTF-8 encoded, in the engine's byte array table, as Camunda keeps files and JSON; it reads it back as
 * an ordinary String value. The REST API, Tasklist and Cockpit see type {@code String}; only the type column says
 * {@value #NAME}. Shorter strings are left to Camunda's own serializer, so nothing about them changes.
 *
 * <p>Text has an upper bound, {@value #MAX_CHARACTERS} characters: a longer value is refused, naming the variable,
 * on every route that sets one (a task's completion, a variable set over REST, a process start). No form field needs
 * more, and a bound keeps one answer from filling the database.
 *
 * <p>The type name {@value #NAME} is stored with every such variable, in runtime and history: the service must keep
 * registering this serializer for as long as those rows exist.
 */
public final class LongText extends PrimitiveValueSerializer<StringValue> {

    public static final String NAME = "longString";
    /** The width of Camunda's text columns ({@code TEXT_}, {@code TEXT2_}) on every database it supports. */
    public static final int TEXT_COLUMN = 4000;
    public static final int MAX_CHARACTERS = 20_000;

    public LongText() {
        super(ValueType.STRING);
    }

    static String tooLong(int max) {
        return "must be at most " + max + " characters";
    }

    @Override
    public String getName() {
        return NAME;
    }

    /** Only text too long for the text column; Camunda's StringValueSerializer keeps the rest. */
    @Override
    protected boolean canWriteValue(TypedValue value) {
        return value.getValue() instanceof String text && text.length() > TEXT_COLUMN;
    }

    @Override
    public StringValue convertToTypedValue(UntypedValueImpl untypedValue) {
        return Variables.stringValue((String) untypedValue.getValue(), untypedValue.isTransient());
    }

    @Override
    public void writeValue(StringValue value, ValueFields fields) {
        String text = value.getValue();
        if (text.length() > MAX_CHARACTERS) {
            throw new TaskValuesRefusal(fields.getName(), tooLong(MAX_CHARACTERS));
        }
        fields.setByteArrayValue(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public StringValue readValue(ValueFields fields, boolean asTransientValue) {
        byte[] bytes = fields.getByteArrayValue();
        return Variables.stringValue(bytes == null ? null : new String(bytes, StandardCharsets.UTF_8), asTransientValue);
    }
}
