package dev.blau.chat;

import java.util.List;

import jakarta.ws.rs.core.Response.Status;

import dev.blau.common.problem.Problem;
import dev.blau.common.problem.ProblemException;
import dev.blau.common.problem.RetryAfter;

/**
 * The problems chat-app answers with. Over WebSocket the same problem becomes an
 * {@code error} frame whose {@code code} is the last segment of its {@code type}.
 */
public final class ChatProblems {

    private ChatProblems() {
    }

    /** Also the answer for a room the caller may not see: it must look exactly like a missing one. */
    public static ProblemException roomNotFound() {
        return new ProblemException(Problem.of(Status.NOT_FOUND, "room-not-found", "No such room."));
    }

    /** A message that is not there, or deleted, in a room the caller may read. */
    public static ProblemException messageNotFound() {
        return new ProblemException(Problem.of(Status.NOT_FOUND, "message-not-found", "No such message."));
    }

    /** A file that is not there, or in a room the caller is not a member of: the two look alike. */
    public static ProblemException fileNotFound() {
        return new ProblemException(Problem.of(Status.NOT_FOUND, "file-not-found", "No such file."));
    }

    public static ProblemException fileTooLarge(long maxBytes) {
        return new ProblemException(Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, "file-too-large",
                "A file is at most " + maxBytes + " bytes (" + (maxBytes / (1024 * 1024)) + " MiB) here.")
                .withErrors(List.of(new Problem.FieldError("file", "must be at most " + maxBytes + " bytes"))));
    }

    /** An upload without a file in it. */
    public static ProblemException invalidFile(String detail) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "invalid-file", detail));
    }

    /** A send naming a file that is not the sender's unsent upload to that room. */
    public static ProblemException invalidAttachment(String detail) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "invalid-attachment", detail));
    }

    public static ProblemException userNotFound(String field) {
        return new ProblemException(Problem.of(Status.NOT_FOUND, "user-not-found", "No such user.")
                .withErrors(List.of(new Problem.FieldError(field, "no such user"))));
    }

    public static ProblemException forbidden(String kind, String detail) {
        return new ProblemException(Problem.of(Status.FORBIDDEN, kind, detail));
    }

    /** A banned user joining the room, or being invited to it. */
    public static ProblemException banned(java.time.Instant until) {
        return new ProblemException(Problem.of(Status.FORBIDDEN, "banned", until == null
                ? "You are banned from this room." : "You are banned from this room until " + until + "."));
    }

    /** A muted member's send, upload or edit. */
    public static ProblemException muted(java.time.Instant until) {
        return new ProblemException(Problem.of(Status.FORBIDDEN, "muted",
                "You are muted in this room until " + until + "."));
    }

    public static ProblemException conflict(String kind, String detail) {
        return new ProblemException(Problem.of(Status.CONFLICT, kind, detail));
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "validation", "The request has invalid fields.")
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }

    /** A search that cannot be run as typed: {@code detail} says what to change. */
    public static ProblemException invalidQuery(String detail) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "invalid-query", detail));
    }

    /** A search that matched too much to sort in time (its statement timed out): it needs narrowing. */
    public static ProblemException searchTooBroad(String detail) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "search-too-broad", detail));
    }

    /** Every search slot of this server is taken: a retry in a moment is fine. */
    public static ProblemException searchBusy(long retryAfterSeconds) {
        return new ProblemException(Problem.of(Status.SERVICE_UNAVAILABLE, "search-busy",
                "Searches are busy on this server; try again in " + retryAfterSeconds + " s."),
                RetryAfter.seconds(retryAfterSeconds), null);
    }

    public static ProblemException tooManyRooms(int perHour, long retryAfterSeconds) {
        return new ProblemException(Problem.of(Status.TOO_MANY_REQUESTS, "rate-limited",
                "You created " + perHour + " rooms within the last hour; try again in " + retryAfterSeconds + " s."),
                RetryAfter.seconds(retryAfterSeconds), null);
    }

    public static ProblemException rateLimited(long retryAfterSeconds) {
        return new ProblemException(Problem.of(Status.TOO_MANY_REQUESTS, "rate-limited",
                "Too many messages; slow down."), RetryAfter.seconds(retryAfterSeconds), null);
    }

    /** The short error code of a problem, for WebSocket error frames. */
    public static String code(Problem problem) {
        String type = problem.type().toString();
        return type.substring(type.lastIndexOf('/') + 1);
    }
}
