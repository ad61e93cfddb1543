package org.mhpathway.partners;

import org.mhpathway.security.ProblemAnswers;
import org.mhpathway.security.SecurityConfiguration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * The partner API as its own Spring Security chain: {@code /api/partner-messages} takes each partner's own credential
 * (HTTP Basic, partner id and API secret, {@link PartnerCredentials}), checked before the body is read, so a caller
 * without one learns nothing about pathways or fields. The authenticated principal is the {@link Partner}.
 */
@Configuration(proxyBeanMethods = false)
class PartnerApiSecurity {

    static final String REALM = "mh-pathway-partners";

    @Bean
    @Order(SecurityConfiguration.PARTNER_API_ORDER)
    SecurityFilterChain partnerApiFilterChain(HttpSecurity http, PartnerCredentials credentials,
                                              @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver)
            throws Exception {
        ProblemAnswers problems = new ProblemAnswers(resolver, REALM,
                "Send your partner id and API secret with HTTP Basic authentication",
                "is required: HTTP Basic with your partner id and API secret",
                "does not name an active partner with this secret",
                "partner id or secret");
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/api/partner-messages/**"))
                .authenticationManager(new ProviderManager(new Partners(credentials)))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(problems))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(refusals -> refusals.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .csrf(csrf -> csrf.disable()) // no cookie or session: every request carries its credential
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .build();
    }

    /** The active partner whose id and secret these are. */
    private record Partners(PartnerCredentials credentials) implements AuthenticationProvider {

        @Override
        public Authentication authenticate(Authentication sent) {
            String partnerId = sent.getName();
            Object secret = sent.getCredentials();
            Partner partner = partnerId == null || partnerId.isEmpty() || secret == null ? null
                    : credentials.authenticate(partnerId, secret.toString()).orElse(null);
            if (partner == null) {
                throw new BadCredentialsException("does not name an active partner with this secret");
            }
            return UsernamePasswordAuthenticationToken.authenticated(partner, null,
                    AuthorityUtils.createAuthorityList("PARTNER"));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
        }
    }
}
