package io.coco4j.storage;

import java.util.regex.Pattern;

/** Key and namespace rules shared by the backends, as the reference's key-value storage defines them. */
public final class KeyRules {

    private static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._/-]+");

    private KeyRules() {
    }

    /** Namespaces are non-empty, with no leading or trailing slash and no empty, {@code .} or {@code ..} segment. */
    public static void checkNamespace(String namespace) throws InvalidKeyException {
        if (namespace == null || namespace.isEmpty() || namespace.startsWith("/") || namespace.endsWith("/")) {
            throw new InvalidKeyException("invalid namespace '" + namespace + "'");
        }
        for (String segment : namespace.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new InvalidKeyException("invalid namespace '" + namespace + "'");
            }
        }
    }

    /** Keys of persistent backends: characters of {@code [A-Za-z0-9._/-]} only, and never {@code .} or {@code ..}. */
    public static void checkPersistentKey(String key) throws InvalidKeyException {
        if (key == null || !SAFE_KEY.matcher(key).matches()) {
            throw new InvalidKeyException("invalid key '" + printable(key) + "': only letters, digits and . _ / - are allowed");
        }
        if (key.equals(".") || key.equals("..")) {
            throw new InvalidKeyException("invalid key '" + key + "'");
        }
    }

    private static String printable(String key) {
        if (key == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        key.codePoints().limit(80).forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\x%02x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
