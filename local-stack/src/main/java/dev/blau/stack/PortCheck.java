package dev.blau.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fails fast, with a useful message, when a port the stack needs is taken. */
public final class PortCheck {

    private PortCheck() {
    }

    /** Ports (with who needs them) that are in use, as messages for people. */
    public static List<String> busy(Map<Integer, String> portsToOwners) {
        List<String> messages = new ArrayList<>();
        portsToOwners.forEach((port, owner) -> {
            if (!isFree(port)) {
                messages.add(message(port, owner));
            }
        });
        return messages;
    }

    public static String message(int port, String owner) {
        return "Port " + port + " (" + owner + ") is already in use — is another BLAU stack running? (./blau stop)";
    }

    /** Free only if both loopback and the wildcard address can be bound: a service may use either. */
    public static boolean isFree(int port) {
        return canBind(InetAddress.getLoopbackAddress(), port) && canBind(null, port);
    }

    private static boolean canBind(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(address == null ? new InetSocketAddress(port) : new InetSocketAddress(address, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
