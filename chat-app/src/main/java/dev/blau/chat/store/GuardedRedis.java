package dev.blau.chat.store;

import java.util.Map;

import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.executors.CommandExecutor;
import redis.clients.jedis.executors.DefaultCommandExecutor;
import redis.clients.jedis.providers.ConnectionProvider;

/**
 * Jedis's two ways to Redis, each through {@link RedisCircuit}: a command runs on the executor, a
 * pipeline takes its connection from the provider. The executor works on the pool directly, so a
 * command passes the breaker once.
 */
final class GuardedRedis {

    private GuardedRedis() {
    }

    static CommandExecutor executor(ConnectionProvider pool, RedisCircuit circuit) {
        CommandExecutor direct = new DefaultCommandExecutor(pool);
        return new CommandExecutor() {
            @Override
            public <T> T executeCommand(CommandObject<T> command) {
                return circuit.call(() -> direct.executeCommand(command));
            }

            @Override
            public void close() throws Exception {
                direct.close();
            }
        };
    }

    static ConnectionProvider provider(ConnectionProvider pool, RedisCircuit circuit) {
        return new ConnectionProvider() {
            @Override
            public Connection getConnection() {
                return circuit.call(pool::getConnection);
            }

            @Override
            public Connection getConnection(CommandArguments args) {
                return circuit.call(() -> pool.getConnection(args));
            }

            @Override
            public Map<?, ?> getConnectionMap() {
                return pool.getConnectionMap();
            }

            @Override
            public Map<?, ?> getPrimaryNodesConnectionMap() {
                return pool.getPrimaryNodesConnectionMap();
            }

            @Override
            public void close() throws Exception {
                pool.close();
            }
        };
    }
}
