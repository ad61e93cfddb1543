package org.mhpathway.system;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mhpathway.ProcessTestCase;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * An engineer on call follows one pathway through the log by its id (never by the person's NHS number or name):
 * every line the engine or a delegate logs while it works a pathway carries the pathway id, in the plain log and in
 * the JSON log of the {@code json-logs} profile, where a database failure's quoted values are blanked as in the plain.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogContextTest extends ProcessTestCase {

    @Test
    void whatTheEngineLogsWhileItWorksAPathwayNamesThePathway(CapturedOutput output) {
        String pathwayId = refer("adult-acute", false);
        assessAndDecide(pathwayId, true);
        allocateBed(pathwayId, false);

        List<String> named = output.getOut().lines().filter(l -> l.contains("[" + pathwayId + "] ")).toList();
        assertThat(named).as("lines logged while the engine worked " + pathwayId).isNotEmpty();
        // the id stands before the logger's name, as Spring Boot places a correlation id
        assertThat(named).allSatisfy(l -> assertThat(l).matches(".*\\] \\[" + pathwayId + "\\] [a-z][\\w.$]* +: .*"));
        assertThat(output.getOut()).as("no empty brackets on lines outside a pathway").doesNotContain("] [] ");
    }

    @Test
    void theJsonLogCarriesThePathwayIdAndBlanksWhatADatabaseFailureQuotes() {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), new MockEnvironment()
                .withProperty("logging.structured.json.customizer", RedactingJsonLogs.class.getName()));
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat("ecs");
        encoder.setContext(context);
        encoder.start();
        Logger logger = context.getLogger("org.camunda.bpm.engine.context");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.ERROR,
                "ENGINE-16004 Exception while closing command context: could not execute batch; SQL statement:"
                        + " insert into pathway (nhs_number, name) values ('943 476 5919', 'Jane Example')"
                        + " [22001-232] org.h2.jdbc.JdbcBatchUpdateException", null, null);
        event.setMDCPropertyMap(Map.of("pathwayId", "MHP-ABCD-1234", "tenantId", "QT1"));

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).startsWith("{").contains("\"pathwayId\":\"MHP-ABCD-1234\"", "\"tenantId\":\"QT1\"",
                "\"log\":{\"level\":\"ERROR\"", "ENGINE-16004");
        assertThat(line).doesNotContain("943 476 5919", "Jane Example");
    }
}
