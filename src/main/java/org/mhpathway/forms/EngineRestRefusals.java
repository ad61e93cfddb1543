package org.mhpathway.forms;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.FeatureContext;
import org.glassfish.jersey.internal.spi.AutoDiscoverable;

/**
 * Registers {@link InvalidTaskValuesMapper} with every Jersey application of the service, through Jersey's own
 * auto-discovery ({@code META-INF/services}): the Camunda REST API at {@code /engine-rest}, and the engine API the
 * webapps call at {@code /camunda/api/engine}, which Camunda's webapp starter builds itself (its
 * {@code EngineRestApplication}), out of reach of Spring's Jersey configuration. The webapps' other APIs (Cockpit's,
 * Tasklist's own) get the mapper too; they never see its exception.
 */
@ConstrainedTo(RuntimeType.SERVER)
public class EngineRestRefusals implements AutoDiscoverable {

    @Override
    public void configure(FeatureContext context) {
        if (!context.getConfiguration().isRegistered(InvalidTaskValuesMapper.class)) {
            context.register(InvalidTaskValuesMapper.class);
        }
    }
}
