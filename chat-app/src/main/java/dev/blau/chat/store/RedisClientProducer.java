package dev.blau.chat.store;

import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.PooledConnectionProvider;

/** The Redis client for presence, typing, tickets and rate limits: a connection pool behind a circuit breaker. */
@ApplicationScoped
public class RedisClientProducer {

    private static final int TIMEOUT_MILLIS = 2000;
    private static final int MAX_CONNECTIONS = 64;

    @Inject
    @ConfigProperty(name = "redis.url")
    String url;

    @Inject
    RedisCircuit circuit;

    // @Singleton, not @ApplicationScoped: UnifiedJedis cannot be proxied, and it is thread-safe
    @Produces
    @Singleton
    UnifiedJedis redis() {
        URI uri = URI.create(url);
        var config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS)
                .socketTimeoutMillis(TIMEOUT_MILLIS)
                .ssl("rediss".equals(uri.getScheme()))
                .clientName("blau-chat-app");
        if (uri.getUserInfo() != null) {
            String[] credentials = uri.getUserInfo().split(":", 2);
            if (credentials.length == 2) {
                config.user(credentials[0].isEmpty() ? null : credentials[0]).password(credentials[1]);
            } else {
                config.password(credentials[0]);
            }
        }
        // enough connections for every request and socket thread; an exhausted pool fails fast, never hangs.
        // Idle ones are kept up to the maximum: with fewer, every burst closes connections and opens them anew
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        pool.setMaxWait(Duration.ofMillis(TIMEOUT_MILLIS));
        var connections = new PooledConnectionProvider(
                new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379), config.build(), pool);
        return new UnifiedJedis(GuardedRedis.executor(connections, circuit), GuardedRedis.provider(connections, circuit),
                new CommandObjects());
    }

    void close(@Disposes UnifiedJedis redis) {
        redis.close();
    }
}
