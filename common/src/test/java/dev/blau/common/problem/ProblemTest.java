package dev.blau.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void typeNamesTheKindOfProblemAndTitleIsTheReasonPhrase() {
        Problem problem = Problem.of(Response.Status.CONFLICT, "username-taken", "Taken.");

        assertEquals("https://blau.dev/problems/username-taken", problem.type().toString());
        assertEquals("Conflict", problem.title());
        assertEquals(409, problem.status());
        assertEquals("Taken.", problem.detail());
    }

    @Test
    void noFieldErrorsMeansTheMemberIsLeftOut() {
        Problem problem = Problem.of(Response.Status.BAD_REQUEST, "validation", "Bad.")
                .withErrors(List.of());

        assertNull(problem.errors());
    }

    @Test
    void fieldErrorsAreKeptInOrder() {
        Problem problem = Problem.of(Response.Status.BAD_REQUEST, "validation", "Bad.")
                .withErrors(List.of(new Problem.FieldError("email", "must be an email address"),
                        new Problem.FieldError("username", "is taken")));

        assertEquals(List.of("email", "username"),
                problem.errors().stream().map(Problem.FieldError::field).toList());
    }
}
