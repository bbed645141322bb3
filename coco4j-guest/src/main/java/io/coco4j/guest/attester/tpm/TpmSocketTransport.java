package io.coco4j.guest.attester.tpm;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A TPM behind a Unix-domain socket that carries raw TPM 2.0 commands, such as swtpm's data channel
 * ({@code swtpm socket --server type=unixio,path=…}). Responses are framed by their own header's size.
 */
public final class TpmSocketTransport implements TpmTransport {

    private final SocketChannel socket;

    private TpmSocketTransport(SocketChannel socket) {
        this.socket = socket;
    }

    public static TpmSocketTransport connect(Path socketPath) throws IOException {
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            socket.connect(UnixDomainSocketAddress.of(socketPath));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return new TpmSocketTransport(socket);
    }

    @Override
    public byte[] transmit(byte[] command) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(command);
        while (out.hasRemaining()) {
            socket.write(out);
        }
        ByteBuffer header = ByteBuffer.allocate(TpmBuffer.HEADER_LENGTH);
        fill(header);
        int size = header.getInt(2);
        if (size < TpmBuffer.HEADER_LENGTH || size > TpmDeviceTransport.MAX_RESPONSE * 4) {
            throw new IOException("the TPM announced a response of " + size + " bytes");
        }
        ByteBuffer response = ByteBuffer.allocate(size);
        response.put(header.flip());
        fill(response);
        return response.array();
    }

    private void fill(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (socket.read(buffer) < 0) {
                throw new EOFException("the TPM closed the connection");
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
