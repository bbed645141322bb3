package io.coco4j.cli.fuzz;

/** The fuzz module cannot be found, built or started. */
final class FuzzSetupException extends Exception {

    FuzzSetupException(String message) {
        super(message);
    }
}
