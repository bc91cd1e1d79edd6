package gg.deltacrown.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration
@EnableConfigurationProperties(AccountsConfiguration.AccountsProperties.class)
class AccountsConfiguration {

    /**
     * @param passwordIterations PBKDF2 iterations for new hashes (Django 4.2 LTS uses 600,000).
     *     Existing hashes are verified with their own count.
     */
    @ConfigurationProperties("deltacrown.accounts")
    record AccountsProperties(Integer passwordIterations) {
        int iterations() {
            return passwordIterations == null ? 600_000 : passwordIterations;
        }
    }

    @Bean
    PasswordEncoder passwordEncoder(AccountsProperties properties) {
        return new DjangoPasswordHasher(properties.iterations());
    }
}
