package dev.blau.chat.tickets.boundary;

import java.time.Instant;

/**
 * {@code {"ticket","expiresIn","authExpiresAt"}}: the ticket, how many seconds it stays valid,
 * and until when the socket it opens is authorized (the token's expiry; renew with an
 * {@code auth} frame before then); none for a bot, whose socket lasts until it is revoked.
 */
public record WsTicket(String ticket, int expiresIn, Instant authExpiresAt) {

    @Override
    public String toString() {
        return "WsTicket[expiresIn=" + expiresIn + "]"; // never the ticket
    }
}
