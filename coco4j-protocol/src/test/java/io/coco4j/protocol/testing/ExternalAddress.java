package io.coco4j.protocol.testing;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Optional;

/** An IPv4 address of this machine that is not loopback, for tests of what a caller from another machine may do. */
public final class ExternalAddress {

    private ExternalAddress() {
    }

    /** The first IPv4 address of an interface that is up and not loopback; empty on a machine without one. */
    public static Optional<InetAddress> ipv4() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(ExternalAddress::usable)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .findFirst();
    }

    private static boolean usable(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }
}
