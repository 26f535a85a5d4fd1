package dev.blau.common.problem;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a resource method that takes a large body (a file upload) and counts it against a limit
 * of its own as it reads: {@link RequestSizeLimitFilter}'s 64 KiB does not apply there.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OwnBodyLimit {
}
