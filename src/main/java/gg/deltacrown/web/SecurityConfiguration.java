package gg.deltacrown.web;

import gg.deltacrown.accounts.Accounts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what (docs/adr/0006-api-authentication.md), and what every request goes through
 * first (docs/adr/0022-requests-that-fail-safe.md).
 *
 * <ul>
 *   <li>API and actuator: stateless, Bearer JWT only, JSON errors, throttled; {@code /api/admin/**}
 *       and actuator endpoints other than health and Prometheus are staff-only.
 *   <li>Pages: session login through the login form (throttled), CSRF on every form, the account
 *       read again on every request; {@code /ops/**} is staff-only.
 *   <li>Both, right after the security headers: the body limit (413), database outages (503) and
 *       forbidden characters in parameters (400).
 * </ul>
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String STAFF = SignedInUser.STAFF_ROLE;

    /**
     * Pages: nothing from elsewhere but images (a team's logo is an https URL of the owner's
     * choice); no inline script or style, no framing, forms post only here.
     */
    static final String PAGE_POLICY = "default-src 'self'; img-src 'self' https:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** JSON never loads anything. */
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

    /**
     * No Micrometer observation around every security filter: it cost more CPU than the whole team
     * creation (bench/RESULTS.md). Request metrics ({@code http.server.requests}) stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    RateLimits rateLimits() {
        return new RateLimits();
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            Tokens tokens,
            RateLimits limits,
            ApiProperties properties,
            WebLimits webLimits,
            JsonMapper json)
            throws Exception {
        ApiSecurityErrors errors = new ApiSecurityErrors(json);
        http.securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/actuator/health", "/actuator/health/**", "/actuator/prometheus")
                        .permitAll()
                        .requestMatchers("/api/auth/login/", "/api/token/", "/api/token/refresh/")
                        .permitAll()
                        .requestMatchers("/api/admin/**", "/actuator/**")
                        .hasRole(STAFF)
                        .anyRequest()
                        .authenticated())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(API_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .oauth2ResourceServer(server -> server.jwt(jwt ->
                                jwt.decoder(tokens.accessDecoder()).jwtAuthenticationConverter(tokens.authentication()))
                        .authenticationEntryPoint(errors)
                        .accessDeniedHandler(errors))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors))
                .addFilterAfter(new ThrottleFilter(limits, properties, json), BearerTokenAuthenticationFilter.class);
        return guarded(http, webLimits).build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(
            HttpSecurity http, AccountAuthentication authentication, Accounts accounts, WebLimits webLimits)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/health", "/health/", "/login", "/static/**", "/favicon.ico", "/error")
                        .permitAll()
                        .requestMatchers("/ops/**")
                        .hasRole(STAFF)
                        .anyRequest()
                        .authenticated())
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PAGE_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                // Its own manager, without the global one as parent: a failed login would otherwise be
                // checked (hashed, throttled) twice.
                .authenticationManager(new ProviderManager(authentication))
                .formLogin(form ->
                        form.loginPage("/login").successHandler(loginSuccess()).failureHandler(loginFailure()))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"))
                .addFilterBefore(new SessionAccountCheck(accounts), AuthorizationFilter.class);
        return guarded(http, webLimits).build();
    }

    /** The checks every request passes first, in this order, right after the headers are set. */
    private static HttpSecurity guarded(HttpSecurity http, WebLimits limits) {
        return http.addFilterAfter(new RequestBodyLimit(limits), HeaderWriterFilter.class)
                .addFilterAfter(new DatabaseOutageFilter(), RequestBodyLimit.class)
                .addFilterAfter(new RequestParameterCheck(), DatabaseOutageFilter.class);
    }

    /** Back to the page asked for before the login (its path only), else the team creation form. */
    private static AuthenticationSuccessHandler loginSuccess() {
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
        success.setDefaultTargetUrl("/teams/create/");
        success.setRedirectStrategy(new PathOnlyRedirects());
        return success;
    }

    /**
     * A throttled login gets 429 with {@code Retry-After} and a page saying so; others the form
     * again, the username kept.
     */
    private static AuthenticationFailureHandler loginFailure() {
        AuthenticationFailureHandler wrongCredentials = new LoginFailureRedirect();
        return (request, response, exception) -> {
            if (exception instanceof AccountAuthentication.Throttled throttled) {
                ErrorBodies.retryAfter(request, response, throttled.retryAfterSeconds());
                ErrorBodies.send(
                        request,
                        response,
                        HttpStatus.TOO_MANY_REQUESTS,
                        FrameworkError.RATE_LIMITED,
                        throttled.getMessage(),
                        null);
            } else {
                wrongCredentials.onAuthenticationFailure(request, response, exception);
            }
        };
    }
}
