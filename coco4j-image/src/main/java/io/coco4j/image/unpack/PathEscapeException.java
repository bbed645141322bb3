package io.coco4j.image.unpack;

/** A tar entry (its name, a hard-link target, or a path through a symbolic link) would leave the rootfs. */
public final class PathEscapeException extends UnpackException {

    public PathEscapeException(String message) {
        super(message);
    }
}
