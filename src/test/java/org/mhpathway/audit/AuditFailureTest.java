package org.mhpathway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mhpathway.audit.AuditEntry.Action;
import org.mhpathway.audit.AuditEntry.Surface;
import org.mhpathway.access.Caller;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.web.servlet.HandlerMapping;

/** An audit trail that cannot write never changes the answer: the request goes on and the failure is logged. */
class AuditFailureTest {

    /** A trail whose database is gone. */
    static class BrokenTrail extends AuditTrail {
        int attempts;

        BrokenTrail() {
            super(null, null);
        }

        @Override
        public void record(String userId, Collection<String> pathwayIds, boolean evenWithoutPathway, Action action,
                           Surface surface, String what, int outcome) {
            attempts++;
            throw new IllegalStateException("database unavailable");
        }
    }

    @Test
    void theApiAnswerStandsWhenTheAuditCannotBeWritten() {
        BrokenTrail trail = new BrokenTrail();
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/pathways/MHP-AAAA-BBBB");
        request.setUserPrincipal(UsernamePasswordAuthenticationToken.authenticated(
                new Caller("tester", Set.of(), Set.of()), null, List.of()));
        request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, "/api/pathways/{pathwayId}");
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, Map.of("pathwayId", "MHP-AAAA-BBBB"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        assertThatCode(() -> new ApiAuditInterceptor(trail).afterCompletion(request, response, new Object(), null))
                .doesNotThrowAnyException();
        assertThat(trail.attempts).isEqualTo(1);
    }

    @Test
    void theEngineRequestGoesOnWhenThePathwayCannotBeFoundOrTheAuditCannotBeWritten() throws Exception {
        BrokenTrail trail = new BrokenTrail();
        EnginePathways unreachable = new EnginePathways(null) {
            @Override
            Optional<Resolved> ofTask(String taskId) {
                throw new IllegalStateException("database unavailable");
            }

            @Override
            Optional<Resolved> ofProcessInstance(String processInstanceId) {
                return Optional.of(new Resolved("MHP-AAAA-BBBB", "inpatient-pathway"));
            }
        };
        EngineAuditFilter filter = new EngineAuditFilter(Surface.ENGINE_REST, "/engine-rest", (r, e) -> "tester",
                unreachable, trail);

        MockFilterChain taskChain = new MockFilterChain();
        filter.doFilter(mapped("POST", "/engine-rest", "/task/1/complete"),
                new MockHttpServletResponse(), taskChain);
        assertThat(taskChain.getRequest()).isNotNull();
        assertThat(trail.attempts).isZero();

        MockFilterChain instanceChain = new MockFilterChain();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(mapped("GET", "/engine-rest", "/process-instance/1"), response, instanceChain);
        assertThat(instanceChain.getRequest()).isNotNull();
        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(trail.attempts).isEqualTo(1);
    }

    @Test
    void unmatchedEnginePathsCostNoQuery() throws Exception {
        BrokenTrail trail = new BrokenTrail();
        EnginePathways none = new EnginePathways(null) {
            @Override
            Optional<Resolved> ofTask(String taskId) {
                throw new AssertionError("queried for " + taskId);
            }

            @Override
            Optional<Resolved> ofProcessInstance(String processInstanceId) {
                throw new AssertionError("queried for " + processInstanceId);
            }
        };
        EngineAuditFilter filter = new EngineAuditFilter(Surface.WEBAPP, "/camunda/api/engine", (r, e) -> "tester",
                none, trail);
        for (String path : new String[] {"/engine/default/task", "/engine",
                "/engine/default/task/count", "/engine/default/task/1/identity-links",
                "/engine/default/process-instance/1/activity-instances",
                "/engine/default/process-definition/1/xml"}) {
            MockFilterChain chain = new MockFilterChain();
            filter.doFilter(mapped("GET", "/camunda/api/engine", path), new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).as(path).isNotNull();
        }
        assertThat(trail.attempts).isZero();
    }

    /** A request as the servlet container hands it to a filter of a servlet mapped at {@code servletPath/*}. */
    private static MockHttpServletRequest mapped(String method, String servletPath, String pathInfo) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, servletPath + pathInfo);
        request.setServletPath(servletPath);
        request.setPathInfo(pathInfo);
        return request;
    }
}
