package io.coco4j.rego;

import io.coco4j.rego.ast.Location;
import java.util.List;

/**
 * A parse, compile or evaluation failure. Carries one or more {@link RegoError}s; the first is
 * the primary one. The message reads {@code file:line:column: code: message}.
 */
public class RegoException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<RegoError> errors;

    public RegoException(ErrorCode code, Location location, String message) {
        this(List.of(new RegoError(code, location, message)));
    }

    public RegoException(List<RegoError> errors) {
        super(render(errors), null, false, false);
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("no errors");
        }
        this.errors = List.copyOf(errors);
    }

    public List<RegoError> errors() {
        return errors;
    }

    public RegoError primary() {
        return errors.get(0);
    }

    public ErrorCode code() {
        return errors.get(0).code();
    }

    public Location location() {
        return errors.get(0).location();
    }

    private static String render(List<RegoError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).toString();
        }
        StringBuilder sb = new StringBuilder().append(errors.size()).append(" errors occurred:");
        for (RegoError e : errors) {
            sb.append('\n').append(e);
        }
        return sb.toString();
    }
}
