package io.coco4j.rego.builtins;

/**
 * A string view that charges the evaluation's step budget as a regular expression reads it.
 * Java's backtracking matcher can take exponential time on hostile patterns; reading through
 * this view lets the step and time limits stop such a match instead of letting it hang.
 */
final class GuardedChars implements CharSequence {
    private static final int CHUNK = 4096;

    private final String s;
    private final int offset;
    private final int length;
    private final BuiltinContext ctx;
    private final int[] reads;

    GuardedChars(String s, BuiltinContext ctx) {
        this(s, 0, s.length(), ctx, new int[1]);
    }

    private GuardedChars(String s, int offset, int length, BuiltinContext ctx, int[] reads) {
        this.s = s;
        this.offset = offset;
        this.length = length;
        this.ctx = ctx;
        this.reads = reads;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (++reads[0] >= CHUNK) {
            reads[0] = 0;
            ctx.chargeSteps(CHUNK / 16);
        }
        return s.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new GuardedChars(s, offset + start, end - start, ctx, reads);
    }

    @Override
    public String toString() {
        return s.substring(offset, offset + length);
    }
}
