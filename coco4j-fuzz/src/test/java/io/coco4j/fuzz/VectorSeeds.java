package io.coco4j.fuzz;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Files of the shared test-vector folder (glob patterns relative to it) that a fuzz target also
 * runs over in regression mode. The vectors are public third-party files, so they are read where
 * they are at test time and never copied into the seed corpus.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface VectorSeeds {
    String[] value();
}
