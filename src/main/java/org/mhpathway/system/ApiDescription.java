package org.mhpathway.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description of {@code /api}, generated from the controllers by springdoc and served at
 * {@code GET /api-docs} (and {@code /api-docs.yaml}): what an integrator's tools read. {@code docs/api.md} stays the
 * guide to what each answer means.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescription {

    /** Camunda users: HTTP Basic with the Tasklist user id and password. */
    public static final String USER_LOGIN = "camundaUser";
    /** Partner agencies: HTTP Basic with the partner id and API secret ({@code /api/partner-messages} only). */
    public static final String PARTNER_LOGIN = "partner";

    /** The error answer of every endpoint (ProblemResponses): RFC 9457 problem+json naming the fields at fault. */
    static final String PROBLEM = "Problem";

    @Bean
    OpenAPI openApiDescription() {
        String version = ApiDescription.class.getPackage().getImplementationVersion();
        return new OpenAPI()
                .info(new Info().title("mh-pathway API")
                        .version(version == null ? "development" : version)
                        .description("The inpatient mental health pathway: referrals, the pathway view, carers, care "
                                + "teams, delayed discharges, housing, discharge events, indicators and partners' "
                                + "answers. Errors are RFC 9457 problem+json naming the field at fault. docs/api.md "
                                + "explains each answer."))
                .components(new Components()
                        .addSecuritySchemes(USER_LOGIN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("Your Tasklist user id and password. A browser logged "
                                        + "in to Tasklist may call instead, sending its session's X-XSRF-TOKEN with "
                                        + "every change."))
                        .addSecuritySchemes(PARTNER_LOGIN, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("The partner id and API secret issued to your agency "
                                        + "(POST /api/partner-messages only)."))
                        .addSchemas(PROBLEM, problemSchema()))
                .addSecurityItem(new SecurityRequirement().addList(USER_LOGIN));
    }

    /**
     * The refusals each endpoint may answer, as problem+json: 401 and 403 on every one, 404 where the path names a
     * pathway or another record, 400 where the request carries fields, 409 on a change.
     */
    @Bean
    OpenApiCustomizer problemAnswers() {
        return description -> description.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> {
                    ApiResponses responses = operation.getResponses();
                    add(responses, "401", "No credentials, or not the right ones.");
                    add(responses, "403", "The caller's groups may not do this, or the pathway has no escalation "
                            + "for the discharge hub or housing.");
                    if (path.contains("{")) {
                        add(responses, "404", "No such pathway (or record) in the caller's ICS.");
                    }
                    boolean change = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
                    if (change || operation.getParameters() != null && !operation.getParameters().isEmpty()) {
                        add(responses, "400", "A field is missing or wrong: each is named under errors.");
                    }
                    if (change) {
                        add(responses, "409", "The change conflicts with what is recorded (an open pathway, a "
                                + "closed one, or the same change made at the same moment).");
                    }
                }));
    }

    private static void add(ApiResponses responses, String status, String description) {
        responses.putIfAbsent(status, new ApiResponse().description(description).content(new Content().addMediaType(
                "application/problem+json", new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    private static Schema<?> problemSchema() {
        Schema<?> fieldProblem = new ObjectSchema()
                .addProperty("field", new StringSchema().description("the field, header or parameter at fault"))
                .addProperty("message", new StringSchema().description("what is wrong with it"));
        return new ObjectSchema().description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("urn:mh-pathway:problem:invalid-request"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldProblem));
    }
}
