package dev.blau.chat.tickets.boundary;

import java.time.Instant;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.callers.Caller;
import dev.blau.chat.tickets.control.WsTickets;

@Path("ws-ticket")
@DenyAll
@RequestScoped
@Tag(name = "websocket")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "bot")
public class WsTicketResource {

    @Inject
    Caller caller;

    @Inject
    WsTickets tickets;

    @Inject
    JsonWebToken token;

    @POST
    @RolesAllowed("user")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A single-use ticket for the WebSocket handshake (GET /ws?ticket=...)")
    public WsTicket issue() {
        // a bot's token does not expire: its socket lasts until the bot is revoked
        Instant authorizedUntil = caller.bot() ? null : Instant.ofEpochSecond(token.getExpirationTime());
        return new WsTicket(tickets.issue(caller, authorizedUntil), WsTickets.VALID_SECONDS, authorizedUntil);
    }
}
