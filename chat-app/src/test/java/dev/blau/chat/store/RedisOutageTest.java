package dev.blau.chat.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.NoSuchElementException;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.blau.common.problem.ServiceOutage;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/** Redis failures that only mean "not now" are answered as outages (retry), not as incidents. */
class RedisOutageTest {

    @Test
    void anUnreachableRedisIsAnOutage() {
        assertEquals(Optional.of("Redis"), ServiceOutage.of(new RuntimeException(new JedisConnectionException("refused"))));
    }

    @Test
    void aPoolWhoseConnectionsAllStayedBusyIsAnOutage() {
        var exhausted = new JedisException("Could not get a resource from the pool",
                new NoSuchElementException("Timeout waiting for idle object"));

        assertEquals(Optional.of("Redis"), ServiceOutage.of(exhausted));
    }

    @Test
    void aRefusedCommandIsNot() {
        assertTrue(ServiceOutage.of(new JedisDataException("WRONGTYPE Operation against a key holding the wrong kind of value")).isEmpty());
        assertTrue(ServiceOutage.of(new JedisException("something else")).isEmpty());
    }
}
