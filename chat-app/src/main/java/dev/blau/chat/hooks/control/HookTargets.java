package dev.blau.chat.hooks.control;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Where outgoing webhooks may go: http or https to a host whose every address is public. A
 * receiver on a loopback, private, link-local (cloud metadata, 169.254.169.254), carrier-grade
 * NAT, multicast or unspecified address is refused, so a room owner cannot make the chat
 * servers call into their own network — unless an operator allows that target
 * ({@code chat.hooks.allowed-targets}: addresses or CIDR blocks, optionally with a port,
 * {@code 10.1.2.3}, {@code 10.0.0.0/8}, {@code 127.0.0.1:8080}, {@code [fd00::1]:443}).
 * Checked when a hook is made and again before every delivery, after DNS resolution.
 */
public final class HookTargets {

    private final List<Allowed> allowed;

    /** Why a target was refused. */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private record Allowed(byte[] network, int prefix, int port) {
        boolean permits(InetAddress address, int targetPort) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length || (port >= 0 && port != targetPort)) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            return rest == 0 || ((bytes[full] ^ network[full]) & (0xFF << (8 - rest))) == 0;
        }
    }

    public HookTargets(String allowedTargets) {
        this.allowed = allowedTargets == null || allowedTargets.isBlank() ? List.of()
                : Arrays.stream(allowedTargets.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .map(HookTargets::parse).toList();
    }

    /** The URL, if it may receive deliveries now; else why not. */
    public URI check(String url) throws Refused {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new Refused("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("only http and https URLs receive webhooks");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new Refused("the URL needs a host, and no user name or password");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused(uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            if (internal(address) && allowed.stream().noneMatch(a -> a.permits(address, port))) {
                throw new Refused(uri.getHost() + " resolves to " + address.getHostAddress()
                        + ", a loopback, private or link-local address");
            }
        }
        return uri;
    }

    static boolean internal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xFF;
            int second = b[1] & 0xFF;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xFF) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved, broadcast
        }
        if (address instanceof Inet6Address) {
            return (b[0] & 0xFE) == 0xFC; // unique local fc00::/7
        }
        return true;
    }

    private static Allowed parse(String entry) {
        String host = entry;
        int port = -1;
        if (entry.startsWith("[")) {
            int end = entry.indexOf(']');
            host = entry.substring(1, end);
            if (entry.length() > end + 1 && entry.charAt(end + 1) == ':') {
                port = Integer.parseInt(entry.substring(end + 2));
            }
        } else if (entry.indexOf(':') > 0 && entry.indexOf(':') == entry.lastIndexOf(':')) {
            host = entry.substring(0, entry.indexOf(':'));
            port = Integer.parseInt(entry.substring(entry.indexOf(':') + 1));
        }
        int slash = host.indexOf('/');
        String address = slash < 0 ? host : host.substring(0, slash);
        try {
            byte[] network = InetAddress.getByName(address).getAddress();
            int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(host.substring(slash + 1));
            return new Allowed(network, prefix, port);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("chat.hooks.allowed-targets: not an address or CIDR block: " + entry, e);
        }
    }
}
