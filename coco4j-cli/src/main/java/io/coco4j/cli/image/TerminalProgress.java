package io.coco4j.cli.image;

import io.coco4j.image.crypt.ProgressListener;

import java.io.PrintWriter;

/**
 * Progress of blob work on a terminal: one self-overwriting line with bytes, percent and rate, at
 * most a few times a second. Silent when standard error is not a terminal (piped, or in scripts).
 */
final class TerminalProgress implements ProgressListener {

    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintWriter err;
    private String label;
    private long size;
    private long done;
    private long started;
    private long lastDraw;

    private TerminalProgress(PrintWriter err) {
        this.err = err;
    }

    /** Progress on {@code err} when this process runs on a terminal, otherwise none. */
    static ProgressListener forTerminal(PrintWriter err) {
        return System.console() != null ? new TerminalProgress(err) : ProgressListener.NONE;
    }

    @Override
    public void started(String label, long size) {
        this.label = label;
        this.size = size;
        this.done = 0;
        this.started = System.nanoTime();
        this.lastDraw = 0;
    }

    @Override
    public void advanced(long count) {
        done += count;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) {
            lastDraw = now;
            draw(now);
        }
    }

    @Override
    public void finished() {
        draw(System.nanoTime());
        err.println();
        err.flush();
    }

    private void draw(long now) {
        double seconds = Math.max(1e-9, (now - started) / 1e9);
        double rate = done / seconds / (1024 * 1024);
        int percent = size > 0 ? (int) (100 * done / size) : 100;
        err.printf("\r%s  %s / %s  %3d%%  %.1f MiB/s   ", label, human(done), human(size), percent, rate);
        err.flush();
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.1f %s", value, units[unit]);
    }
}
