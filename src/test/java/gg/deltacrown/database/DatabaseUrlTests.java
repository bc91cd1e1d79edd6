package gg.deltacrown.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTests {

    @Test
    void parsesTheDjangoStyleUrlWithCredentialsPortAndParameters() {
        DatabaseUrl url =
                DatabaseUrl.parse("postgres://deltacrown:s%40cret@db.internal:6543/deltacrown_db?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/deltacrown_db?sslmode=require");
        assertThat(url.username()).isEqualTo("deltacrown");
        assertThat(url.password()).isEqualTo("s@cret");
    }

    @Test
    void defaultsThePortAndAcceptsThePostgresqlScheme() {
        DatabaseUrl url = DatabaseUrl.parse("postgresql://app@localhost/app");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/app");
        assertThat(url.username()).isEqualTo("app");
        assertThat(url.password()).isNull();
    }

    @Test
    void keepsAJdbcUrlAsItIs() {
        DatabaseUrl url = DatabaseUrl.parse("jdbc:postgresql://h:5/db?user=u&password=p");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5/db?user=u&password=p");
        assertThat(url.describe()).doesNotContain("password=p").contains("password=***");
    }

    @Test
    void neverShowsThePasswordWhenDescribed() {
        assertThat(DatabaseUrl.redact("postgres://u:topsecret@h/db")).isEqualTo("postgres://u:***@h/db");
    }

    @Test
    void rejectsOtherSchemesWithAClearMessage() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://u:p@h/db"))
                .hasMessageContaining("DATABASE_URL must start with postgres://")
                .hasMessageNotContaining(":p@");
    }

    @Test
    void rejectsAUrlWithoutHost() {
        assertThatThrownBy(() -> DatabaseUrl.parse("postgres:///db")).hasMessageContaining("no host");
    }
}
