package gg.deltacrown.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an API endpoint answers, and logs, when something unexpected fails inside it: a 500 in the
 * endpoint envelope, {@code {"error_code":"internal_error","message":…}},
 * instead of the framework's generic {@code INTERNAL_ERROR}. Exception text goes to the log only.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface EndpointFailure {

    /** {@code event_type} of the ERROR log line, e.g. {@code team_creation_error}. */
    String event();

    String message();

    /** Empty: no {@code safe_message}. */
    String safeMessage() default "";
}
