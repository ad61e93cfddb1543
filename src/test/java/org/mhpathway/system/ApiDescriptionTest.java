package org.mhpathway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description of {@code /api} is generated from the controllers: every endpoint of the API is in it
 * with its methods, nothing else is, each says how to log in, and each body is described field by field.
 */
class ApiDescriptionTest extends ProcessTestCase {

    @Autowired MockMvc mvc;
    @Autowired ObjectMapper json;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @Test
    void everyApiEndpointIsDescribedWithItsMethodsAndNothingElseIs() throws Exception {
        JsonNode description = json.readTree(mvc.perform(get("/api-docs")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString());
        assertThat(description.at("/info/title").asText()).isEqualTo("mh-pathway API");
        JsonNode paths = description.get("paths");

        List<String> missing = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> m : mappings.getHandlerMethods().entrySet()) {
            for (String path : m.getKey().getPatternValues()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : m.getKey().getMethodsCondition().getMethods()) {
                    if (paths.path(path).path(method.name().toLowerCase(Locale.ROOT)).isMissingNode()) {
                        missing.add(method + " " + path);
                    }
                }
            }
        }
        assertThat(missing).as("API endpoints missing from the description").isEmpty();
        paths.fieldNames().forEachRemaining(path -> assertThat(path).startsWith("/api/"));
    }

    @Test
    void eachEndpointSaysHowToLogIn() throws Exception {
        JsonNode description = json.readTree(mvc.perform(get("/api-docs")).andReturn().getResponse()
                .getContentAsString());
        assertThat(description.at("/components/securitySchemes/" + ApiDescription.USER_LOGIN + "/scheme").asText())
                .isEqualTo("basic");
        assertThat(description.at("/security/0").has(ApiDescription.USER_LOGIN)).isTrue();
        // partners answer with their own credential
        assertThat(description.at("/paths/~1api~1partner-messages/post/security/0")
                .has(ApiDescription.PARTNER_LOGIN)).isTrue();
        // refusals are problem+json
        assertThat(description.at("/paths/~1api~1referrals/post/responses/400/content/application~1problem+json"
                + "/schema/$ref").asText()).isEqualTo("#/components/schemas/Problem");
        assertThat(description.at("/paths/~1api~1pathways~1{pathwayId}/get/responses/404").isMissingNode()).isFalse();
        // the caller is the login, never a parameter
        assertThat(description.toString()).doesNotContain("\"caller\"").doesNotContain("\"partner\",\"in\"");
    }

    @Test
    void everyBodyIsDescribedFieldByFieldWithTheCodesTheServiceAccepts() throws Exception {
        JsonNode description = json.readTree(mvc.perform(get("/api-docs")).andReturn().getResponse()
                .getContentAsString());
        List<String> undescribed = new ArrayList<>();
        description.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode body = op.getValue().path("requestBody");
            if (body.isMissingNode()) {
                return;
            }
            JsonNode schema = resolve(description, body.at("/content/application~1json/schema"));
            if (!schema.path("properties").isObject() || schema.path("properties").isEmpty()) {
                undescribed.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + ": " + schema);
            }
        }));
        assertThat(undescribed).as("bodies described as anything but an object with its fields").isEmpty();

        // the codes a client may send are the ones the service checks against
        assertThat(codes(description, "/paths/~1api~1pathways~1{pathwayId}~1transfer/post", "/wardType/enum"))
                .isEqualTo(org.mhpathway.pathway.WardType.codes());
        assertThat(codes(description, "/paths/~1api~1partner-messages/post", "/kind/enum"))
                .isEqualTo(org.mhpathway.partners.PartnerAnswer.Kind.codes());
        assertThat(codes(description, "/paths/~1api~1pathways~1{pathwayId}~1discharge-events/post",
                "/invitedRoles/items/enum")).isEqualTo(org.mhpathway.partners.PartnerRole.codes());
    }

    private List<String> codes(JsonNode description, String operation, String property) {
        JsonNode schema = resolve(description, description.at(operation + "/requestBody/content/application~1json/schema"));
        List<String> codes = new ArrayList<>();
        schema.at("/properties" + property).forEach(code -> codes.add(code.asText()));
        return codes;
    }

    private static JsonNode resolve(JsonNode description, JsonNode schema) {
        String ref = schema.path("$ref").asText("");
        return ref.startsWith("#/") ? description.at(ref.substring(1)) : schema;
    }
}
