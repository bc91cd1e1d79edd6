package gg.deltacrown.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one vNext to legacy membership translation (issue 5). */
class LegacyExpectationsTests {

    @Test
    void translatesEveryVnextRole() {
        assertThat(LegacyExpectations.ROLES)
                .containsExactly(
                        java.util.Map.entry("OWNER", "OWNER"),
                        java.util.Map.entry("MANAGER", "MANAGER"),
                        java.util.Map.entry("COACH", "HEAD_COACH"),
                        java.util.Map.entry("PLAYER", "PLAYER"),
                        java.util.Map.entry("SUBSTITUTE", "SUBSTITUTE"),
                        java.util.Map.entry("ANALYST", "ANALYST"),
                        java.util.Map.entry("SCOUT", "ANALYST"));
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
