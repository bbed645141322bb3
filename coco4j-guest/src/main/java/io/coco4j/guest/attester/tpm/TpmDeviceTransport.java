package io.coco4j.guest.attester.tpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A TPM character device ({@code /dev/tpmrm0}): a command is one write, its response one read.
 * Transient objects created through the resource manager are flushed by the kernel when the device
 * is closed.
 */
public final class TpmDeviceTransport implements TpmTransport {

    /** The largest response a TPM 2.0 sends (TPM_MAX_COMMAND_SIZE of common TPMs). */
    static final int MAX_RESPONSE = 4096;

    private final FileChannel device;

    private TpmDeviceTransport(FileChannel device) {
        this.device = device;
    }

    public static TpmDeviceTransport open(Path device) throws IOException {
        return new TpmDeviceTransport(FileChannel.open(device, StandardOpenOption.READ, StandardOpenOption.WRITE));
    }

    @Override
    public byte[] transmit(byte[] command) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(command);
        while (out.hasRemaining()) {
            device.write(out);
        }
        ByteBuffer in = ByteBuffer.allocate(MAX_RESPONSE);
        int n = device.read(in);
        if (n < TpmBuffer.HEADER_LENGTH) {
            throw new IOException("the TPM device returned a short response (" + n + " bytes)");
        }
        in.flip();
        byte[] response = new byte[in.remaining()];
        in.get(response);
        return response;
    }

    @Override
    public void close() throws IOException {
        device.close();
    }
}
