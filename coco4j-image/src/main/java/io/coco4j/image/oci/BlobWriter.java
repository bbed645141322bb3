package io.coco4j.image.oci;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;

/**
 * Streams a new blob into a layout: bytes go to a temporary file beside the blobs while being hashed;
 * {@link #commit()} syncs it and renames it to its digest's name, {@link #close()} without commit
 * removes it. A reader never sees a partial blob.
 */
public final class BlobWriter extends OutputStream {

    private final Path directory;
    private final Path temp;
    private final FileChannel channel;
    private final MessageDigest md = Digest.messageDigest("sha256");
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    private long size;
    private boolean done;

    BlobWriter(Path directory) throws IOException {
        this.directory = directory;
        Files.createDirectories(directory);
        this.temp = Files.createTempFile(directory, ".incoming-", ".tmp");
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (done) {
            throw new IOException("blob already committed or aborted");
        }
        md.update(b, off, len);
        size += len;
        while (len > 0) {
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
            if (!buffer.hasRemaining()) {
                flushBuffer();
            }
        }
    }

    private void flushBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        buffer.clear();
    }

    /** Bytes written so far. */
    public long size() {
        return size;
    }

    /** Makes the blob visible under its digest and returns the digest and size. */
    public Descriptor commit(String mediaType) throws IOException {
        if (done) {
            throw new IOException("blob already committed or aborted");
        }
        flushBuffer();
        channel.force(true);
        channel.close();
        done = true;
        Digest digest = Digest.of("sha256", md);
        Path target = directory.resolve(digest.hex());
        try {
            if (Files.exists(target)) {
                Files.delete(temp); // content-addressed: the same bytes are already there
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temp);
            throw new IOException("the file system cannot rename atomically", e);
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return Descriptor.of(mediaType, digest, size);
    }

    /** Discards the blob unless committed. */
    @Override
    public void close() throws IOException {
        if (!done) {
            done = true;
            channel.close();
            Files.deleteIfExists(temp);
        }
    }
}
