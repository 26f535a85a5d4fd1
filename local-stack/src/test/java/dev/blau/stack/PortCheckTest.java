package dev.blau.stack;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PortCheckTest {

    @Test
    void messageNamesThePortTheServiceAndTheWayOut() {
        assertEquals("Port 15432 (PostgreSQL) is already in use — is another BLAU stack running? (./blau stop)",
                PortCheck.message(15432, "PostgreSQL"));
    }
}
