package io.coco4j.rego.builtins;

import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.SetBuilder;
import io.coco4j.rego.value.StringValue;
import io.coco4j.rego.value.Value;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/** {@code net.cidr_contains, net.cidr_intersects, net.cidr_is_valid, net.cidr_expand} for IPv4 and IPv6. */
final class NetBuiltins implements BuiltinFamily {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final long MAX_EXPAND = 1 << 20;

    /** A network: first address, prefix length and address width in bits. */
    private record Net(BigInteger base, int prefix, int bits) {
        BigInteger first() {
            return base.shiftRight(bits - prefix).shiftLeft(bits - prefix);
        }

        BigInteger last() {
            return first().add(BigInteger.ONE.shiftLeft(bits - prefix)).subtract(BigInteger.ONE);
        }
    }

    @Override
    public List<Builtin> builtins() {
        return List.of(
                SimpleBuiltin.of("net.cidr_contains", 2, (a, c) -> {
                    Net outer = cidr("net.cidr_contains", Operands.string("net.cidr_contains", a, 0, c));
                    String s = Operands.string("net.cidr_contains", a, 1, c);
                    Net inner = s.contains("/") ? cidr("net.cidr_contains", s) : ip("net.cidr_contains", s);
                    return BooleanValue.of(outer.bits() == inner.bits() && outer.first().compareTo(inner.first()) <= 0
                            && outer.last().compareTo(inner.last()) >= 0);
                }),
                SimpleBuiltin.of("net.cidr_intersects", 2, (a, c) -> {
                    Net x = cidr("net.cidr_intersects", Operands.string("net.cidr_intersects", a, 0, c));
                    Net y = cidr("net.cidr_intersects", Operands.string("net.cidr_intersects", a, 1, c));
                    return BooleanValue.of(x.bits() == y.bits() && x.first().compareTo(y.last()) <= 0
                            && y.first().compareTo(x.last()) <= 0);
                }),
                SimpleBuiltin.of("net.cidr_is_valid", 1, (a, c) -> {
                    if (!(a[0] instanceof StringValue s)) {
                        return BooleanValue.FALSE;
                    }
                    try {
                        cidr("net.cidr_is_valid", s.value());
                        return BooleanValue.TRUE;
                    } catch (BuiltinException e) {
                        return BooleanValue.FALSE;
                    }
                }),
                SimpleBuiltin.of("net.cidr_expand", 1, (a, c) -> {
                    Net n = cidr("net.cidr_expand", Operands.string("net.cidr_expand", a, 0, c));
                    BigInteger count = n.last().subtract(n.first()).add(BigInteger.ONE);
                    if (count.compareTo(BigInteger.valueOf(MAX_EXPAND)) > 0) {
                        throw Operands.failure("net.cidr_expand", "network is too large to expand");
                    }
                    c.chargeSteps(count.longValue());
                    SetBuilder b = new SetBuilder();
                    for (BigInteger x = n.first(); x.compareTo(n.last()) <= 0; x = x.add(BigInteger.ONE)) {
                        b.add(StringValue.of(format(x, n.bits())));
                    }
                    return b.build();
                }));
    }

    private static Net ip(String name, String s) {
        if (IPV4.matcher(s).matches()) {
            // Parsed here so that no string ever reaches a resolver.
            BigInteger v = BigInteger.ZERO;
            for (String octet : s.split("\\.")) {
                int o = Integer.parseInt(octet);
                if (o > 255) {
                    throw Operands.failure(name, "invalid IP address " + s);
                }
                v = v.shiftLeft(8).add(BigInteger.valueOf(o));
            }
            return new Net(v, 32, 32);
        }
        if (!s.contains(":") || !s.matches("[0-9A-Fa-f:.]+")) {
            throw Operands.failure(name, "invalid IP address " + s);
        }
        try {
            byte[] b = InetAddress.getByName(s).getAddress();
            return new Net(new BigInteger(1, b), b.length * 8, b.length * 8);
        } catch (UnknownHostException | SecurityException e) {
            throw Operands.failure(name, "invalid IP address " + s);
        }
    }

    private static Net cidr(String name, String s) {
        int slash = s.indexOf('/');
        if (slash < 0) {
            throw Operands.failure(name, "invalid CIDR address: " + s);
        }
        Net addr = ip(name, s.substring(0, slash));
        String p = s.substring(slash + 1);
        if (!p.matches("\\d{1,3}")) {
            throw Operands.failure(name, "invalid CIDR address: " + s);
        }
        int prefix = Integer.parseInt(p);
        if (prefix > addr.bits()) {
            throw Operands.failure(name, "invalid CIDR address: " + s);
        }
        return new Net(addr.base(), prefix, addr.bits());
    }

    private static String format(BigInteger x, int bits) {
        byte[] raw = x.toByteArray();
        byte[] b = new byte[bits / 8];
        int n = Math.min(raw.length, b.length);
        System.arraycopy(raw, raw.length - n, b, b.length - n, n);
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
