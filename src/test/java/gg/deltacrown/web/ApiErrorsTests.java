package gg.deltacrown.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.method.HandlerMethod;

class ApiErrorsTests {

    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/vnext/teams/create/");

    @Test
    void theLegacyWriteGuardIs403LegacyWriteBlockedWithoutTheDatabasesText() {
        SQLException guard = new SQLException("LEGACY_WRITE_BLOCKED: INSERT on teams_team is blocked", "DC403");
        Exception wrapped = new IllegalStateException(
                "shadow", new UncategorizedSQLException("insert", "INSERT INTO teams_team", guard));

        ResponseEntity<?> response = ApiErrors.answer(wrapped, request, null);

        assertThat(response.getStatusCode().value()).isEqualTo(403);
        EndpointError body = (EndpointError) response.getBody();
        assertThat(body.errorCode()).isEqualTo("LEGACY_WRITE_BLOCKED");
        assertThat(body.message()).doesNotContain("teams_team", "INSERT");
    }

    @Test
    void anUnexpectedFailureIsTheEndpointsOwn500WhenItDeclaresOne() throws Exception {
        HandlerMethod handler = new HandlerMethod(new Endpoint(), Endpoint.class.getDeclaredMethod("create"));

        ResponseEntity<?> declared = ApiErrors.answer(new IllegalStateException("secret"), request, handler);
        ResponseEntity<?> generic = ApiErrors.answer(new IllegalStateException("secret"), request, null);

        assertThat(declared.getStatusCode().value()).isEqualTo(500);
        assertThat(declared.getBody())
                .isEqualTo(new EndpointError(
                        "internal_error",
                        "An unexpected error occurred",
                        "Failed to create team. Please try again.",
                        null));
        assertThat(generic.getBody()).isEqualTo(new FrameworkError("Internal server error", "INTERNAL_ERROR"));
    }

    @Test
    void anUnreadableTypedBodyIs400ParseError() {
        ResponseEntity<?> response = ApiErrors.answer(
                new HttpMessageNotReadableException("bad", new MockHttpInputMessage(new byte[0])), request, null);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(((FrameworkError) response.getBody()).code()).isEqualTo("PARSE_ERROR");
    }

    @Test
    void aLostJdbcConnectionUnderATransactionExceptionIsWhatSpringTakesForAGoneClient() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend.", "08006");
        lost.initCause(new EOFException());

        assertThat(ApiErrors.looksLikeAGoneClient(new CannotCreateTransactionException("begin", lost)))
                .isTrue();
        // Spring's own rules: a DataAccessException in the chain, or no EOF, and it is not misread.
        assertThat(ApiErrors.looksLikeAGoneClient(new DataAccessResourceFailureException("select", lost)))
                .isFalse();
        assertThat(ApiErrors.looksLikeAGoneClient(new CannotCreateTransactionException("begin")))
                .isFalse();
        // A client that really went away (no database in the chain) is Spring's to handle.
        assertThat(ApiErrors.looksLikeAGoneClient(new IllegalStateException(new EOFException())))
                .isFalse();
    }

    static class Endpoint {
        @EndpointFailure(
                event = "team_creation_error",
                message = "An unexpected error occurred",
                safeMessage = "Failed to create team. Please try again.")
        void create() {}
    }
}
