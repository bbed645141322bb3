package io.coco4j.rego.parse;

/** Lexical token kinds. */
enum TokenType {
    IDENT, NUMBER, STRING, RAW_STRING,
    LBRACE("{"), RBRACE("}"), LBRACK("["), RBRACK("]"), LPAREN("("), RPAREN(")"),
    DOT("."), COMMA(","), SEMI(";"), COLON(":"), ASSIGN(":="), UNIFY("="), EQ("=="), NEQ("!="),
    LT("<"), LTE("<="), GT(">"), GTE(">="), PLUS("+"), MINUS("-"), STAR("*"), SLASH("/"), PERCENT("%"),
    AMP("&"), BAR("|"), EOF("end of input");

    final String symbol;

    TokenType() {
        this.symbol = null;
    }

    TokenType(String symbol) {
        this.symbol = symbol;
    }
}
