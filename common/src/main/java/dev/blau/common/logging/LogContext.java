package dev.blau.common.logging;

import java.security.Principal;
import java.util.UUID;

import org.eclipse.microprofile.jwt.JsonWebToken;

import com.ibm.websphere.logging.hpel.LogRecordContext;

/**
 * What every log line written while a request is served carries: the request's id and the
 * caller's user id. Both go into Liberty's {@link LogRecordContext}, which adds them to each
 * record the serving thread writes; the JSON log shows them as {@code ext_requestId} and
 * {@code ext_userId}. A token never goes there: the user id is the verified token's
 * {@code sub}, and only when it is a plain identifier.
 */
public final class LogContext {

    /** The request's id: Kong's (and the edge's) {@code X-Request-Id}, or one made here. */
    public static final String REQUEST_ID = "requestId";
    /** The authenticated caller: the {@code sub} of their access token. */
    public static final String USER_ID = "userId";
    /** The header that carries the id in and out. */
    public static final String HEADER = "X-Request-Id";

    static final int MAX_LENGTH = 200;

    private LogContext() {
    }

    /**
     * The id to log for a request that came with {@code header}: the header itself when it is
     * 1 to 200 of HTTP's token characters (RFC 9110: letters, digits and {@code !#$%&'*+-.^_`|~}),
     * otherwise a new one. Anything else — a line break, a quote, a space, a long value — could
     * forge or break log lines, so it is dropped, not cleaned up.
     */
    public static String acceptedRequestId(String header) {
        return isToken(header) ? header : newRequestId();
    }

    static String newRequestId() {
        return UUID.randomUUID().toString();
    }

    /** Whether {@code value} is 1 to {@value #MAX_LENGTH} token characters. */
    static boolean isToken(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The user id of an authenticated caller: the {@code sub} of their token. Null for anyone
     * else (no principal, a principal that is not a token) and for a subject that is not a plain
     * identifier, so nothing a client chose reaches the log unchecked.
     */
    static String userIdOf(Principal principal) {
        if (principal instanceof JsonWebToken token) {
            String subject = token.getSubject();
            return isToken(subject) ? subject : null;
        }
        return null;
    }

    static void putRequestId(String requestId) {
        LogRecordContext.addExtension(REQUEST_ID, requestId);
    }

    /** Records the caller of the current request, when {@code principal} is an authenticated one. */
    static void putUser(Principal principal) {
        String userId = userIdOf(principal);
        if (userId != null) {
            LogRecordContext.addExtension(USER_ID, userId);
        }
    }

    /** The thread goes back to the pool: none of this request's context stays on it. */
    static void clear() {
        LogRecordContext.removeExtension(REQUEST_ID);
        LogRecordContext.removeExtension(USER_ID);
    }
}
