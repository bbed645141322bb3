package io.coco4j.rego.parse;

/**
 * A token. {@code newlineBefore}/{@code spaceBefore} record what separated it from the previous
 * token: newlines end statements in bodies, and reference operators must follow without space.
 */
record Token(TokenType type, String text, int line, int column, int offset, int end, boolean newlineBefore,
        boolean spaceBefore) {

    boolean is(TokenType t) {
        return type == t;
    }

    boolean isIdent(String word) {
        return type == TokenType.IDENT && text.equals(word);
    }

    String describe() {
        switch (type) {
            case EOF:
                return "end of input";
            case IDENT:
                return "`" + text + "`";
            case STRING:
            case RAW_STRING:
                return "string";
            case NUMBER:
                return "number " + text;
            default:
                return "`" + type.symbol + "`";
        }
    }
}
