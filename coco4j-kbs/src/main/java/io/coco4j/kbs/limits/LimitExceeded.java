package io.coco4j.kbs.limits;

/** Implemented by the refusals that a configured bound causes, so the HTTP layer can count them. */
public interface LimitExceeded {

    Limit limit();
}
