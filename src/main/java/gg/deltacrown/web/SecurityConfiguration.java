package gg.deltacrown.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call what (docs/adr/0006-authentication.md).
 *
 * <ul>
 *   <li>API and actuator: stateless, Bearer JWT only, JSON errors, throttled; {@code /api/admin/**}
 *       and actuator endpoints other than health and Prometheus are staff-only.
 *   <li>Pages: session login through the login form, CSRF on every form; {@code /ops/**} is
 *       staff-only.
 * </ul>
 */
@Configuration
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String STAFF = SignedInUser.STAFF_ROLE;

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
            HttpSecurity http, Tokens tokens, RateLimits limits, ApiProperties properties, JsonMapper json)
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
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain pageSecurity(HttpSecurity http, AccountAuthentication accounts) throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers(
                                "/health", "/health/", "/login", "/static/**", "/favicon.ico", "/error")
                        .permitAll()
                        .requestMatchers("/ops/**")
                        .hasRole(STAFF)
                        .anyRequest()
                        .authenticated())
                .authenticationProvider(accounts)
                .formLogin(form -> form.loginPage("/login")
                        .defaultSuccessUrl("/teams/create/")
                        .failureHandler(new LoginFailureRedirect()))
                .logout(logout -> logout.logoutSuccessUrl("/login?logout"));
        return http.build();
    }
}
