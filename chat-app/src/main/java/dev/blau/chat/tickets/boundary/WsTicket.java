package dev.blau.chat.tickets.boundary;

/** {@code {"ticket","expiresIn"}}: the ticket and how many seconds it stays valid. */
public record WsTicket(String ticket, int expiresIn) {

    @Override
    public String toString() {
        return "WsTicket[expiresIn=" + expiresIn + "]"; // never the ticket
    }
}
