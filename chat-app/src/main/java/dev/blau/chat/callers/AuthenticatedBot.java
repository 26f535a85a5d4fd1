package dev.blau.chat.callers;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

/**
 * The bot a request authenticated as ({@code Authorization: Bot <token>}), set by the bots'
 * request filter before any resource runs; empty for people, who present bearer tokens.
 */
@RequestScoped
public class AuthenticatedBot {

    private Caller bot;

    public void set(Caller bot) {
        this.bot = bot;
    }

    public Optional<Caller> get() {
        return Optional.ofNullable(bot);
    }
}
