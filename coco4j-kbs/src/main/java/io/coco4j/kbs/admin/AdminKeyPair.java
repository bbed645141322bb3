package io.coco4j.kbs.admin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/** A fresh Ed25519 admin key pair, written as PEM files, with the {@code [admin]} settings that trust it. */
public final class AdminKeyPair {

    public static final String PRIVATE_KEY_FILE = "admin-private.pem";
    public static final String PUBLIC_KEY_FILE = "admin-public.pem";
    public static final String DEFAULT_ROLE = "admin";

    /** Where {@link #write(Path)} put the keys. */
    public record WrittenKeys(Path privateKey, Path publicKey) {
    }

    private final KeyPair keys;

    private AdminKeyPair(KeyPair keys) {
        this.keys = keys;
    }

    public static AdminKeyPair generate() {
        try {
            return new AdminKeyPair(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no Ed25519", e);
        }
    }

    public KeyPair keys() {
        return keys;
    }

    /**
     * Writes {@value #PRIVATE_KEY_FILE} (PKCS#8, readable by the owner only) and {@value #PUBLIC_KEY_FILE}
     * (SubjectPublicKeyInfo) into {@code directory}, creating it if needed. Existing files are never
     * overwritten.
     */
    public WrittenKeys write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path privateKey = directory.resolve(PRIVATE_KEY_FILE);
        Path publicKey = directory.resolve(PUBLIC_KEY_FILE);
        for (Path existing : new Path[] {privateKey, publicKey}) {
            if (Files.exists(existing)) {
                throw new FileAlreadyExistsException(existing.toString(), null, "refusing to overwrite an existing key");
            }
        }
        createWith(privateKey, pem("PRIVATE KEY", keys.getPrivate().getEncoded()), true);
        createWith(publicKey, pem("PUBLIC KEY", keys.getPublic().getEncoded()), false);
        return new WrittenKeys(privateKey, publicKey);
    }

    /** The {@code [admin]} section that accepts tokens signed by this key pair for role {@value #DEFAULT_ROLE}. */
    public static String configSnippet(Path publicKeyFile) {
        return """
                [admin]
                authorization_mode = "AuthenticatedAuthorization"

                [admin.authentication.bearer_jwt]
                # Add issuer = "..." and audience = "..." to require those claims (coco4j admin token --issuer/--audience).
                identity_providers = [
                  { public_key_uri = %s },
                ]

                [admin.authorization.regex_acl]
                acls = [
                  { role = "%s", allowed_endpoints = "^/kbs/v0/.+$" },
                ]
                """.formatted(tomlString(publicKeyFile.toAbsolutePath().toString()), DEFAULT_ROLE);
    }

    static String tomlString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static void createWith(Path file, String content, boolean ownerOnly) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = ownerOnly && posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        // The permissions are set as the file is created, so the key is never readable by others.
        try (SeekableByteChannel channel = Files.newByteChannel(file, options, attributes)) {
            channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.US_ASCII)));
        }
    }
}
