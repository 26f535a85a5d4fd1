package dev.blau.common.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.security.Principal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ibm.websphere.logging.hpel.LogRecordContext;

/**
 * The log lines of a request carry its id and its caller, as Liberty's JSON log writes them: a
 * handler reads {@link LogRecordContext#getExtensions} when a record is published, which is what
 * the server's log handlers do for the {@code ext_*} fields.
 */
class RequestLogContextFilterTest {

    private static final String SUB = "5b1f1d53-7c3e-4a0c-9d7e-0f3a2c1b4e6d";
    private static final String TOKEN = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiI1YjFmIn0.c2lnbmF0dXJl";

    private final Logger log = Logger.getLogger("blau.test.request-log-context");
    private final List<Map<String, String>> lines = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            Map<String, String> extensions = new HashMap<>();
            LogRecordContext.getExtensions(extensions);
            lines.add(extensions);
            messages.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        log.addHandler(capture);
        log.setUseParentHandlers(false);
    }

    @AfterEach
    void stopListening() {
        log.removeHandler(capture);
    }

    @Test
    void everyLineOfARequestCarriesKongsRequestIdAndTheCallersSubject() throws Exception {
        Map<String, String> answer = new HashMap<>();

        serve(request("3f1c9e0a2b7d4c65a8e1f0b2c3d4e5f6", bearer(SUB)), answer, 3);

        assertEquals(3, lines.size());
        for (Map<String, String> line : lines) {
            assertEquals("3f1c9e0a2b7d4c65a8e1f0b2c3d4e5f6", line.get("requestId"), line::toString);
            assertEquals(SUB, line.get("userId"), line::toString);
        }
        assertEquals("3f1c9e0a2b7d4c65a8e1f0b2c3d4e5f6", answer.get("X-Request-Id"));
    }

    @Test
    void aRequestWithoutAnIdGetsOneAndIsToldIt() throws Exception {
        Map<String, String> answer = new HashMap<>();

        serve(request(null, null), answer, 1);

        String made = lines.get(0).get("requestId");
        assertTrue(made != null && made.matches("[0-9a-f-]{36}"), () -> "made: " + made);
        assertEquals(made, answer.get("X-Request-Id"));
        assertFalse(lines.get(0).containsKey("userId"), "an anonymous request has no user id");
    }

    @Test
    void aForgedOrOversizedIdIsReplacedAndNeverLogged() throws Exception {
        String[] bad = {"abc\n{\"loglevel\":\"SEVERE\"}", "abc\r\nx", "with space", "quote\"d", "é", "a".repeat(201),
                "", "id;drop", "<script>", "a\u0000b"};
        for (String id : bad) {
            lines.clear();
            Map<String, String> answer = new HashMap<>();

            serve(request(id, null), answer, 1);

            String logged = lines.get(0).get("requestId");
            assertNotEquals(id, logged);
            assertTrue(logged.matches("[0-9a-f-]{36}"), () -> "logged " + logged + " for " + id);
            assertEquals(logged, answer.get("X-Request-Id"));
        }
        assertTrue(LogContext.isToken("a".repeat(200)), "200 characters are allowed");
        assertTrue(LogContext.isToken("5f0c1d2e-aa11-4b22-8c33-d44e55f66a77"), "Kong's uuid generator");
    }

    @Test
    void theCallerAuthenticatedByJaxRsIsAddedForTheRestOfTheRequest() throws Exception {
        Map<String, String> answer = new HashMap<>();
        FilterChain chain = (req, res) -> {
            log.info("before authentication");
            new CallerLogContextFilter().filter(jaxRsRequest(bearer(SUB)));
            log.info("in the resource");
        };

        new RequestLogContextFilter().doFilter(request("r-1", null), response(answer), chain);

        assertEquals("r-1", lines.get(0).get("requestId"));
        assertNull(lines.get(0).get("userId"));
        assertEquals("r-1", lines.get(1).get("requestId"));
        assertEquals(SUB, lines.get(1).get("userId"));
    }

    @Test
    void nothingOfTheRequestStaysOnTheThreadAfterIt() throws Exception {
        serve(request("r-2", bearer(SUB)), new HashMap<>(), 1);
        FilterChain failing = (req, res) -> {
            new CallerLogContextFilter().filter(jaxRsRequest(bearer(SUB)));
            throw new IllegalStateException("resource failed");
        };
        try {
            new RequestLogContextFilter().doFilter(request("r-3", null), response(new HashMap<>()), failing);
        } catch (IllegalStateException expected) {
            // the context is cleared on the way out all the same
        }

        log.info("after the requests, on the same thread");

        Map<String, String> last = lines.get(lines.size() - 1);
        assertFalse(last.containsKey("requestId"), last::toString);
        assertFalse(last.containsKey("userId"), last::toString);
    }

    @Test
    void noTokenReachesTheLogContextWhateverThePrincipalHolds() throws Exception {
        // a principal that is not a verified token, a subject that is not an identifier: no user id
        Principal plain = () -> TOKEN;
        serve(request("r-4", plain), new HashMap<>(), 1);
        serve(request("r-5", bearer("Bearer " + TOKEN)), new HashMap<>(), 1);
        serve(request("r-6", bearer(SUB)), new HashMap<>(), 1);

        assertNull(lines.get(0).get("userId"));
        assertNull(lines.get(1).get("userId"));
        assertEquals(SUB, lines.get(2).get("userId"));
        for (Map<String, String> line : lines) {
            for (String value : line.values()) {
                assertFalse(value.contains(TOKEN) || value.contains("eyJ"), () -> "a token in the log context: " + line);
            }
        }
    }

    private void serve(HttpServletRequest request, Map<String, String> answer, int logLines) throws Exception {
        FilterChain chain = (req, res) -> {
            for (int i = 0; i < logLines; i++) {
                log.info("line " + i);
            }
        };
        new RequestLogContextFilter().doFilter(request, response(answer), chain);
    }

    /** A request with {@code X-Request-Id: id} (none when null), an Authorization header and {@code caller} as its principal. */
    private static HttpServletRequest request(String id, Principal caller) {
        return (HttpServletRequest) Proxy.newProxyInstance(RequestLogContextFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> "X-Request-Id".equalsIgnoreCase((String) args[0]) ? id
                            : "Authorization".equalsIgnoreCase((String) args[0]) ? "Bearer " + TOKEN : null;
                    case "getUserPrincipal" -> caller;
                    case "getRequestURI" -> "/api/v1/chat/rooms";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "request " + id;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static HttpServletResponse response(Map<String, String> headers) {
        return (HttpServletResponse) Proxy.newProxyInstance(RequestLogContextFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "setHeader" -> headers.put((String) args[0], (String) args[1]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "response";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** An authenticated caller as MicroProfile JWT gives it: the principal is the verified token. */
    private static JsonWebToken bearer(String subject) {
        return (JsonWebToken) Proxy.newProxyInstance(RequestLogContextFilterTest.class.getClassLoader(),
                new Class<?>[] {JsonWebToken.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSubject" -> subject;
                    case "getName" -> "ana";
                    case "getRawToken" -> TOKEN;
                    case "getClaim" -> "sub".equals(args[0]) ? subject : "raw_token".equals(args[0]) ? TOKEN : null;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> TOKEN;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static ContainerRequestContext jaxRsRequest(Principal caller) {
        SecurityContext security = (SecurityContext) Proxy.newProxyInstance(RequestLogContextFilterTest.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getUserPrincipal" -> caller;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (ContainerRequestContext) Proxy.newProxyInstance(RequestLogContextFilterTest.class.getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSecurityContext" -> security;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
