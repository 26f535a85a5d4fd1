package dev.blau.chat.store;

import java.net.URI;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/** The Redis connection pool for presence, typing, tickets and rate limits. */
@ApplicationScoped
public class RedisClientProducer {

    private static final int TIMEOUT_MILLIS = 2000;
    private static final int MAX_CONNECTIONS = 64;

    @Inject
    @ConfigProperty(name = "redis.url")
    String url;

    // @Singleton, not @ApplicationScoped: JedisPooled cannot be proxied, and it is thread-safe
    @Produces
    @Singleton
    JedisPooled redis() {
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
        return new JedisPooled(pool, new HostAndPort(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379),
                config.build());
    }

    void close(@Disposes JedisPooled redis) {
        redis.close();
    }
}
