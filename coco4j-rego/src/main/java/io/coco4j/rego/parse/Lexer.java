package io.coco4j.rego.parse;

import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.RegoException;
import io.coco4j.rego.ast.Location;
import java.util.ArrayList;
import java.util.List;

/** Splits Rego source into tokens; string tokens carry their decoded value. */
final class Lexer {
    private final String file;
    private final String src;
    private int pos;
    private int line = 1;
    private int lineStart;

    Lexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    List<Token> tokenize() {
        List<Token> out = new ArrayList<>();
        while (true) {
            boolean nl = false;
            boolean space = false;
            // Skip whitespace and comments, remembering whether a newline was crossed.
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == '\n') {
                    nl = true;
                    space = true;
                    pos++;
                    line++;
                    lineStart = pos;
                } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u00a0' || c == '\ufeff') {
                    space = true;
                    pos++;
                } else if (c == '#') {
                    while (pos < src.length() && src.charAt(pos) != '\n') {
                        pos++;
                    }
                    space = true;
                } else {
                    break;
                }
            }
            int col = pos - lineStart + 1;
            int startLine = line;
            int start = pos;
            if (pos >= src.length()) {
                out.add(new Token(TokenType.EOF, "", line, col, pos, pos, nl || out.isEmpty(), space));
                return out;
            }
            char c = src.charAt(pos);
            TokenType type;
            String text;
            if (Character.isLetter(c) || c == '_') {
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                type = TokenType.IDENT;
                text = src.substring(start, pos);
            } else if (c >= '0' && c <= '9') {
                text = number();
                type = TokenType.NUMBER;
            } else if (c == '"') {
                text = string(startLine, col);
                type = TokenType.STRING;
            } else if (c == '`') {
                int close = src.indexOf('`', pos + 1);
                if (close < 0) {
                    throw error(startLine, col, "unterminated raw string");
                }
                text = src.substring(pos + 1, close);
                for (int i = pos + 1; i < close; i++) {
                    if (src.charAt(i) == '\n') {
                        line++;
                        lineStart = i + 1;
                    }
                }
                pos = close + 1;
                type = TokenType.RAW_STRING;
            } else {
                type = punct(c, startLine, col);
                text = type.symbol;
            }
            out.add(new Token(type, text, startLine, col, start, pos, nl || out.isEmpty(), space));
        }
    }

    private TokenType punct(char c, int l, int col) {
        char n = pos + 1 < src.length() ? src.charAt(pos + 1) : '\0';
        pos++;
        switch (c) {
            case '{': return TokenType.LBRACE;
            case '}': return TokenType.RBRACE;
            case '[': return TokenType.LBRACK;
            case ']': return TokenType.RBRACK;
            case '(': return TokenType.LPAREN;
            case ')': return TokenType.RPAREN;
            case '.': return TokenType.DOT;
            case ',': return TokenType.COMMA;
            case ';': return TokenType.SEMI;
            case '+': return TokenType.PLUS;
            case '-': return TokenType.MINUS;
            case '*': return TokenType.STAR;
            case '/': return TokenType.SLASH;
            case '%': return TokenType.PERCENT;
            case '&': return TokenType.AMP;
            case '|': return TokenType.BAR;
            case ':':
                if (n == '=') {
                    pos++;
                    return TokenType.ASSIGN;
                }
                return TokenType.COLON;
            case '=':
                if (n == '=') {
                    pos++;
                    return TokenType.EQ;
                }
                return TokenType.UNIFY;
            case '!':
                if (n == '=') {
                    pos++;
                    return TokenType.NEQ;
                }
                break;
            case '<':
                if (n == '=') {
                    pos++;
                    return TokenType.LTE;
                }
                return TokenType.LT;
            case '>':
                if (n == '=') {
                    pos++;
                    return TokenType.GTE;
                }
                return TokenType.GT;
            default:
                break;
        }
        throw error(l, col, "unexpected character `" + c + "`");
    }

    private String number() {
        int start = pos;
        while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos + 1 < src.length() && src.charAt(pos) == '.' && Character.isDigit(src.charAt(pos + 1))) {
            pos++;
            while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                pos++;
            }
        }
        if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
            int save = pos;
            pos++;
            if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                while (pos < src.length() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = save;
            }
        }
        return src.substring(start, pos);
    }

    private String string(int l, int col) {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw error(l, col, "unterminated string");
            }
            char c = src.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= src.length()) {
                throw error(l, col, "unterminated string");
            }
            char e = src.charAt(pos++);
            switch (e) {
                case '"': sb.append('"'); break;
                case '\\': sb.append('\\'); break;
                case '/': sb.append('/'); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u': {
                    if (pos + 4 > src.length()) {
                        throw error(line, pos - lineStart, "invalid unicode escape in string");
                    }
                    try {
                        sb.append((char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error(line, pos - lineStart, "invalid unicode escape in string");
                    }
                    pos += 4;
                    break;
                }
                default:
                    throw error(line, pos - lineStart, "invalid escape sequence `\\" + e + "` in string");
            }
        }
    }

    private RegoException error(int l, int col, String msg) {
        return new RegoException(ErrorCode.PARSE, new Location(file, l, col), msg);
    }
}
