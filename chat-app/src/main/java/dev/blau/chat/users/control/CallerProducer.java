package dev.blau.chat.users.control;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.blau.chat.callers.Caller;

/** The caller of a REST request, remembered in the user directory on the way. */
@RequestScoped
public class CallerProducer {

    @Inject
    JsonWebToken token;

    @Inject
    ChatUsers users;

    // dependent, not request-scoped: a record cannot be proxied, and each resource lives for one request anyway
    @Produces
    Caller caller() {
        Caller caller = Caller.of(token);
        users.remember(caller.ref());
        return caller;
    }
}
