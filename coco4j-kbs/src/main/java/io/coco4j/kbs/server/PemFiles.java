package io.coco4j.kbs.server;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Writes keys and certificates as PEM, atomically; private keys readable by the owner only. */
public final class PemFiles {

    private PemFiles() {
    }

    public static String toPem(Object... objects) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return out.toString();
    }

    public static void writePrivate(Path file, String pem) throws IOException {
        write(file, pem, true);
    }

    public static void writePublic(Path file, String pem) throws IOException {
        write(file, pem, false);
    }

    private static void write(Path file, String pem, boolean secret) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (secret) {
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temp);
            }
        }
        Files.write(temp, pem.getBytes(StandardCharsets.US_ASCII));
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Whether every file exists (a half-written set is regenerated). */
    public static boolean allExist(List<Path> files) {
        return files.stream().allMatch(Files::isRegularFile);
    }
}
