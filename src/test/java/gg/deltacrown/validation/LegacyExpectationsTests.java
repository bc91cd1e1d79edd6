package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one vNext to legacy membership translation (issue 5). */
class LegacyExpectationsTests {

    @Test
    void translatesEveryVnextRole() {
        assertThat(LegacyExpectations.ROLES)
                .containsExactly(
                        Map.entry("OWNER", "OWNER"),
                        Map.entry("MANAGER", "MANAGER"),
                        Map.entry("COACH", "HEAD_COACH"),
                        Map.entry("PLAYER", "PLAYER"),
                        Map.entry("SUBSTITUTE", "SUBSTITUTE"),
                        Map.entry("ANALYST", "ANALYST"),
                        Map.entry("SCOUT", "ANALYST"));
        assertThat(LegacyExpectations.legacyRole("MEMBER"))
                .as("not a vNext role")
                .isNull();
    }

    @Test
    void translatesEveryVnextStatus() {
        assertThat(LegacyExpectations.legacyStatus("ACTIVE")).isEqualTo("ACTIVE");
        assertThat(LegacyExpectations.legacyStatus("INVITED")).isEqualTo("PENDING");
        assertThat(LegacyExpectations.legacyStatus("INACTIVE")).isEqualTo("REMOVED");
        assertThat(LegacyExpectations.legacyStatus("SUSPENDED")).isEqualTo("REMOVED");
        assertThat(LegacyExpectations.STATUSES).hasSize(4);
    }

    @Test
    void writesTheSameTranslationAsSql() {
        assertThat(LegacyExpectations.legacyStatusSql("v.status"))
                .isEqualTo(
                        "CASE v.status WHEN 'ACTIVE' THEN 'ACTIVE'"
                                + " WHEN 'INVITED' THEN 'PENDING' WHEN 'INACTIVE' THEN 'REMOVED' WHEN 'SUSPENDED' THEN 'REMOVED' END");
        assertThat(LegacyExpectations.legacyRoleSql("r"))
                .startsWith("CASE r WHEN 'OWNER' THEN 'OWNER'")
                .contains("WHEN 'COACH' THEN 'HEAD_COACH'", "WHEN 'SCOUT' THEN 'ANALYST'")
                .endsWith(" END");
    }
}
