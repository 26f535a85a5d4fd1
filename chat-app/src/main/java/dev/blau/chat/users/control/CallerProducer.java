package dev.blau.chat.users.control;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.blau.chat.callers.AuthenticatedBot;
import dev.blau.chat.callers.Caller;

/** The caller of a REST request (a bot, or a person remembered in the user directory on the way). */
@RequestScoped
public class CallerProducer {

    @Inject
    JsonWebToken token;

    @Inject
    AuthenticatedBot bot;

    @Inject
    ChatUsers users;

    // dependent, not request-scoped: a record cannot be proxied, and each resource lives for one request anyway
    @Produces
    Caller caller() {
        var authenticatedBot = bot.get();
        if (authenticatedBot.isPresent()) {
            return authenticatedBot.get(); // in the directory since it was created
        }
        Caller caller = Caller.of(token);
        users.remember(caller.ref());
        return caller;
    }
}
