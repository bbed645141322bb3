package io.coco4j.image.crypt;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reports the bytes read through it to a {@link ProgressListener}. */
final class CountingInputStream extends FilterInputStream {

    private final ProgressListener listener;

    CountingInputStream(InputStream in, ProgressListener listener) {
        super(in);
        this.listener = listener;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            listener.advanced(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            listener.advanced(n);
        }
        return n;
    }
}
