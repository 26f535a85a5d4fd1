package dev.blau.auth;

import java.util.List;
import java.util.Map;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

import dev.blau.common.json.JsonProcessing;
import dev.blau.common.problem.Problem;
import dev.blau.common.problem.ProblemException;
import dev.blau.common.problem.RetryAfter;

/** The problems auth-app answers with: each kind of refusal once, whichever class refuses. */
public final class AuthProblems {

    private static final String SECOND_FACTOR_DETAIL = "This account signs in with a one-time code from an authenticator app: "
            + "continue with single sign-on (ssoUrl) to enter it.";

    private AuthProblems() {
    }

    // ---- accounts and profiles -----------------------------------------------------------------

    public static ProblemException userNotFound() {
        return new ProblemException(Problem.of(Status.NOT_FOUND, "user-not-found", "There is no user with this id."));
    }

    /** A taken username or email. */
    public static Problem taken(String field, String message) {
        return Problem.of(Status.CONFLICT, field + "-taken", message)
                .withErrors(List.of(new Problem.FieldError(field, message)));
    }

    /** A field Keycloak refused (its password policy, a malformed email). */
    public static Problem invalidField(String field, String message) {
        return Problem.of(Status.BAD_REQUEST, "validation", "The request has invalid fields.")
                .withErrors(List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException invalidInstant(String parameter) {
        return new ProblemException(Problem.of(Status.BAD_REQUEST, "validation",
                parameter + ": not an ISO-8601 instant such as 2026-12-01T00:00:00Z"));
    }

    /** The account was created at Keycloak but its profile could not be stored; the account was removed again. */
    public static ProblemException registrationNotStored(Throwable cause) {
        return new ProblemException(Problem.of(Status.SERVICE_UNAVAILABLE, "storage-unavailable",
                "The account could not be created now; nothing was kept. Try again shortly."),
                RetryAfter.seconds(5), cause);
    }

    /** A token issued before its account was erased is still valid for a few minutes: it brings nothing back. */
    public static ProblemException accountErased() {
        return new ProblemException(Problem.of(Status.FORBIDDEN, "account-erased", "This account has been erased."));
    }

    // ---- administration ------------------------------------------------------------------------

    public static ProblemException cannotDisableSelf() {
        return new ProblemException(Problem.of(Status.CONFLICT, "cannot-disable-self",
                "Administrators cannot disable their own account."));
    }

    /** A role BLAU does not manage at all. */
    public static ProblemException roleNotManaged(String role) {
        return new ProblemException(Problem.of(Status.FORBIDDEN, "role-not-grantable",
                "BLAU grants and revokes the role moderator only; " + role + " is granted in Keycloak's"
                        + " administration console (docs/administration.md)."));
    }

    /** A role BLAU manages, which Keycloak's permissions do not let its service account map. */
    public static ProblemException roleRefusedByKeycloak(String role, boolean grant) {
        return new ProblemException(Problem.of(Status.FORBIDDEN, "role-not-grantable",
                "Keycloak does not let BLAU " + (grant ? "grant" : "revoke") + " " + role + "."));
    }

    // ---- personal data -------------------------------------------------------------------------

    public static ProblemException exportNotFound() {
        return new ProblemException(Problem.of(Status.NOT_FOUND, "export-not-found", "There is no export with this id."));
    }

    /** A double click, or impatience: the export being written comes soon, at {@code location}. */
    public static ProblemException exportInProgress(String location) {
        return new ProblemException(Problem.of(Status.CONFLICT, "export-in-progress",
                "An export of this data is being prepared: it will be ready in a moment."),
                Map.of("Location", location), null);
    }

    public static ProblemException tooManyExports(int perHour, long retryAfterSeconds) {
        return new ProblemException(Problem.of(Status.TOO_MANY_REQUESTS, "too-many-exports",
                "At most " + perHour + " exports of one person's data an hour: the next one can be asked for in "
                        + (retryAfterSeconds + 59) / 60 + " min."), RetryAfter.seconds(retryAfterSeconds), null);
    }

    public static ProblemException recentSignInRequired(long maxSignInAgeSeconds) {
        return new ProblemException(Problem.of(Status.FORBIDDEN, "recent-sign-in-required",
                "Erasing your account needs a recent sign-in: sign in again, then erase it within "
                        + maxSignInAgeSeconds / 60 + " minutes."));
    }

    public static ProblemException cannotEraseSelf() {
        return new ProblemException(Problem.of(Status.CONFLICT, "cannot-erase-self",
                "Administrators erase their own account from their profile, after signing in again."));
    }

    // ---- sign-in and sessions ------------------------------------------------------------------

    public static ProblemException accountDisabled() {
        return new ProblemException(Problem.of(Status.FORBIDDEN, "account-disabled", "This account is disabled."));
    }

    public static ProblemException invalidCredentials() {
        return new ProblemException(Problem.of(Status.UNAUTHORIZED, "invalid-credentials",
                "The username or password is not right."));
    }

    public static ProblemException tooManyFailedSignIns(long retryAfterSeconds) {
        return new ProblemException(Problem.of(Status.TOO_MANY_REQUESTS, "rate-limited",
                "Too many failed sign-ins from here: try again in " + retryAfterSeconds + " s."),
                RetryAfter.seconds(retryAfterSeconds), null);
    }

    public static ProblemException invalidRefreshToken() {
        return new ProblemException(Problem.of(Status.UNAUTHORIZED, "invalid-refresh-token",
                "The refresh token is no longer valid: sign in again."));
    }

    /** A renewal that waited its time: ask again, the renewal goes on. */
    public static ProblemException renewalPending(long retryAfterSeconds) {
        return new ProblemException(Problem.of(Status.SERVICE_UNAVAILABLE, "renewal-pending",
                "The identity provider is slow to answer. Ask again with the same refresh token: "
                        + "the renewal goes on and its answer is kept for you."),
                RetryAfter.seconds(retryAfterSeconds), null);
    }

    /**
     * {@code 401 mfa-required}, with the extension member {@code ssoUrl}: Keycloak's authorization
     * endpoint, where an OpenID Connect client continues with the authorization code flow and the
     * user enters the code.
     */
    public static Response secondFactorRequired(String ssoUrl) {
        Problem problem = Problem.of(Status.UNAUTHORIZED, "mfa-required", SECOND_FACTOR_DETAIL);
        JsonObject body = JsonProcessing.PROVIDER.createObjectBuilder()
                .add("type", problem.type().toString())
                .add("title", problem.title())
                .add("status", problem.status())
                .add("detail", problem.detail())
                .add("ssoUrl", ssoUrl)
                .build();
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(body).build();
    }

    /** Keycloak cannot be used now (away, failing, or its guards refusing the call). */
    public static Response identityProviderUnavailable(String detail, long retryAfterSeconds) {
        return Problem.of(Status.SERVICE_UNAVAILABLE, "identity-provider-unavailable", detail)
                .toResponse()
                .header(RetryAfter.HEADER, Long.toString(retryAfterSeconds))
                .build();
    }
}
