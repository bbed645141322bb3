package io.coco4j.rego.parse;

import io.coco4j.rego.ErrorCode;
import io.coco4j.rego.RegoException;
import io.coco4j.rego.ast.ArrayCompr;
import io.coco4j.rego.ast.ArrayTerm;
import io.coco4j.rego.ast.Body;
import io.coco4j.rego.ast.Call;
import io.coco4j.rego.ast.Expr;
import io.coco4j.rego.ast.Import;
import io.coco4j.rego.ast.Literal;
import io.coco4j.rego.ast.Location;
import io.coco4j.rego.ast.Module;
import io.coco4j.rego.ast.ObjectCompr;
import io.coco4j.rego.ast.ObjectTerm;
import io.coco4j.rego.ast.Ref;
import io.coco4j.rego.ast.RegoVersion;
import io.coco4j.rego.ast.Rule;
import io.coco4j.rego.ast.Scalar;
import io.coco4j.rego.ast.SetCompr;
import io.coco4j.rego.ast.SetTerm;
import io.coco4j.rego.ast.Term;
import io.coco4j.rego.ast.Var;
import io.coco4j.rego.ast.With;
import io.coco4j.rego.value.BooleanValue;
import io.coco4j.rego.value.NullValue;
import io.coco4j.rego.value.NumberValue;
import io.coco4j.rego.value.StringValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for Rego modules, queries and terms.
 *
 * <p>Newlines separate statements inside bodies but are plain whitespace inside brackets and
 * parentheses; {@code nlSensitive} tracks which applies. Operator precedence follows OPA, lowest
 * first: {@code in}, comparisons, {@code |}, {@code &}, {@code + -}, {@code * / %}.
 */
public final class Parser {
    private static final int MAX_NESTING = 1000;

    private final String file;
    private final String src;
    private final ParseOptions options;
    private final List<Token> toks;
    private int p;
    private boolean nlSensitive;
    private int depth;
    private RegoVersion version;

    private Parser(String file, String src, ParseOptions options) {
        this.file = file;
        this.src = src;
        this.options = options;
        this.toks = new Lexer(file, src).tokenize();
        this.version = options.version();
    }

    /** Parses a policy module. */
    public static Module parseModule(String file, String src, ParseOptions options) {
        Parser parser = new Parser(file, src, options);
        return parser.guarded(parser::module);
    }

    /** Parses a query: literals separated by {@code ;} or newlines. */
    public static Body parseQuery(String file, String src, ParseOptions options) {
        Parser parser = new Parser(file, src, options);
        parser.version = RegoVersion.V1;
        return parser.guarded(parser::query);
    }

    /** Parses a single term (used for inputs written as Rego terms). */
    public static Term parseTerm(String file, String src, ParseOptions options) {
        Parser parser = new Parser(file, src, options);
        Term t = parser.guarded(() -> parser.termIn(false));
        if (!parser.at(TokenType.EOF)) {
            throw parser.error(parser.peek(), "unexpected " + parser.peek().describe() + ", expecting EOF");
        }
        return t;
    }

    /**
     * Runs a descent from an entry point. {@link #MAX_NESTING} bounds the usual nesting, but some
     * constructs (comprehensions, calls, refs) take more stack per level than others, so running out
     * of stack is reported as the same parse error rather than escaping as an {@link Error}.
     */
    private <T> T guarded(java.util.function.Supplier<T> descent) {
        try {
            return descent.get();
        } catch (StackOverflowError e) {
            throw error(peek(), "expression nesting is too deep (stack exhausted)");
        }
    }

    // ---------------------------------------------------------------- tokens

    private Token peek() {
        return toks.get(p);
    }

    private Token peek(int k) {
        return toks.get(Math.min(p + k, toks.size() - 1));
    }

    private Token next() {
        Token t = toks.get(p);
        if (t.type() != TokenType.EOF) {
            p++;
        }
        return t;
    }

    private boolean at(TokenType t) {
        return peek().type() == t;
    }

    private boolean atIdent(String word) {
        return peek().isIdent(word);
    }

    private Token expect(TokenType t) {
        if (!at(t)) {
            throw error(peek(), "unexpected " + peek().describe() + ", expecting `" + t.symbol + "`");
        }
        return next();
    }

    private Location loc(Token t) {
        return new Location(file, t.line(), t.column());
    }

    private RegoException error(Token t, String msg) {
        return new RegoException(ErrorCode.PARSE, loc(t), msg);
    }

    private void enter() {
        if (++depth > MAX_NESTING) {
            throw error(peek(), "expression nesting is too deep");
        }
    }

    private void leave() {
        depth--;
    }

    /** True when the token starts a new statement (a newline before it, inside a body). */
    private boolean endsStatement(Token t) {
        return nlSensitive && t.newlineBefore();
    }

    // ---------------------------------------------------------------- module

    private Module module() {
        Token first = peek();
        if (!atIdent("package")) {
            throw error(first, "unexpected " + first.describe() + ", expecting `package`");
        }
        next();
        List<String> pkg = path(false);
        List<Import> imports = new ArrayList<>();
        boolean regoV1 = false;
        boolean future = false;
        while (atIdent("import")) {
            Token it = next();
            List<String> path = path(true);
            String alias = null;
            if (atIdent("as") && !peek().newlineBefore()) {
                next();
                Token a = expect(TokenType.IDENT);
                alias = a.text();
            }
            String root = path.get(0);
            if (root.equals("rego")) {
                if (path.size() != 2 || !path.get(1).equals("v1")) {
                    throw error(it, "invalid import `" + String.join(".", path) + "`, must be `rego.v1`");
                }
                if (regoV1 || future) {
                    throw error(it, "this import shadows previous import (`rego.v1` implies `future.keywords`)");
                }
                regoV1 = true;
                version = RegoVersion.V1;
                continue;
            }
            if (root.equals("future")) {
                if (path.size() < 2 || !path.get(1).equals("keywords") || path.size() > 3
                        || (path.size() == 3 && !List.of("in", "every", "if", "contains").contains(path.get(2)))) {
                    throw error(it, "invalid import `" + String.join(".", path) + "`, must be `future.keywords` or one of its keywords");
                }
                if (regoV1) {
                    throw error(it, "this import shadows previous import (`rego.v1` implies `future.keywords`)");
                }
                future = true;
                continue;
            }
            if (!root.equals("data") && !root.equals("input")) {
                throw error(it, "invalid import `" + String.join(".", path) + "`, must begin with `data` or `input`");
            }
            imports.add(new Import(loc(it), path, alias));
        }
        List<Rule> rules = new ArrayList<>();
        while (!at(TokenType.EOF)) {
            rules.add(rule());
        }
        return new Module(file, loc(first), pkg, imports, rules, version, List.of(src.split("\n", -1)));
    }

    /** {@code a.b["c"]} as used by package and import statements. */
    private List<String> path(boolean forImport) {
        List<String> out = new ArrayList<>();
        Token t = next();
        if (t.type() != TokenType.IDENT) {
            throw error(t, "unexpected " + t.describe() + ", expecting a name");
        }
        out.add(t.text());
        while (true) {
            if (at(TokenType.DOT) && !peek().spaceBefore()) {
                next();
                Token n = next();
                if (n.type() != TokenType.IDENT) {
                    throw error(n, "unexpected " + n.describe() + ", expecting a name");
                }
                out.add(n.text());
            } else if (at(TokenType.LBRACK) && !peek().spaceBefore()) {
                next();
                Token s = next();
                if (s.type() != TokenType.STRING && s.type() != TokenType.RAW_STRING) {
                    throw error(s, "unexpected " + s.describe() + ", expecting a string");
                }
                out.add(s.text());
                expect(TokenType.RBRACK);
            } else {
                return out;
            }
        }
    }

    // ---------------------------------------------------------------- rules

    private Rule rule() {
        Token start = peek();
        if (atIdent("default")) {
            return defaultRule();
        }
        if (start.type() != TokenType.IDENT) {
            throw error(start, "unexpected " + start.describe() + ", expecting a rule");
        }
        if (start.text().equals("import") || start.text().equals("package")) {
            throw error(start, "unexpected keyword `" + start.text() + "`");
        }
        boolean v1 = version == RegoVersion.V1;
        if (v1 && (start.text().equals("input") || start.text().equals("data"))) {
            throw error(start, start.text() + " cannot be shadowed");
        }
        List<Term> ref = headRef();
        List<Term> args = null;
        if (at(TokenType.LPAREN) && !peek().newlineBefore()) {
            args = callArgs();
        }
        Term key = null;
        Term value = null;
        if (atIdent("contains") && !peek().newlineBefore()) {
            if (args != null) {
                throw error(peek(), "functions cannot use `contains`");
            }
            next();
            key = termIn(false);
        } else if ((at(TokenType.UNIFY) || at(TokenType.ASSIGN)) && !peek().newlineBefore()) {
            next();
            value = termIn(false);
        }
        Body body = ruleBody(start);
        Rule.Kind kind;
        if (key != null) {
            kind = Rule.Kind.PARTIAL_SET;
        } else if (args != null) {
            kind = Rule.Kind.FUNCTION;
            if (!ground(ref)) {
                throw error(start, "the name of a function must not contain variables");
            }
        } else if (value != null) {
            kind = ground(ref) ? Rule.Kind.COMPLETE : Rule.Kind.PARTIAL_OBJECT;
        } else if (body == null && (v1 || ref.size() != 2)) {
            if (v1 && ref.size() == 2) {
                throw error(start, "`contains` keyword is required for partial set rules");
            }
            throw error(start, "rule must have a body or assignment");
        } else if (!v1 && ref.size() == 2) {
            kind = Rule.Kind.PARTIAL_SET;
            key = ref.get(1);
            ref = List.of(ref.get(0));
        } else {
            kind = ground(ref) ? Rule.Kind.COMPLETE : Rule.Kind.PARTIAL_OBJECT;
        }
        Rule elseRule = null;
        if (atIdent("else")) {
            if (kind != Rule.Kind.COMPLETE && kind != Rule.Kind.FUNCTION) {
                throw error(peek(), "`else` is allowed only on complete rules and functions");
            }
            elseRule = elseChain(ref, args, kind);
        }
        if (body == null) {
            body = new Body(loc(start), List.of());
        }
        return new Rule(loc(start), kind, ref, args, key, value, false, body, elseRule, text(start));
    }

    private Rule elseChain(List<Term> ref, List<Term> args, Rule.Kind kind) {
        Token e = next();
        Term value = null;
        if (at(TokenType.UNIFY) || at(TokenType.ASSIGN)) {
            next();
            value = termIn(false);
        }
        Body body = ruleBody(e);
        if (body == null) {
            body = new Body(loc(e), List.of());
        }
        Rule next = null;
        if (atIdent("else")) {
            next = elseChain(ref, args, kind);
        }
        return new Rule(loc(e), kind, ref, args, null, value, false, body, next, text(e));
    }

    /** The body after a rule head: {@code if lit}, {@code if { ... }}, v0's {@code { ... }}, or none (null). */
    private Body ruleBody(Token ruleStart) {
        if (atIdent("if")) {
            Token ifTok = next();
            if (at(TokenType.LBRACE)) {
                int save = p;
                try {
                    return braceBody();
                } catch (RegoException bodyError) {
                    // `if {k: v | ...}`: a comprehension (or literal) as the single condition.
                    p = save;
                    boolean saved = nlSensitive;
                    nlSensitive = true;
                    try {
                        return new Body(loc(ifTok), List.of(literal()));
                    } catch (RegoException literalError) {
                        throw bodyError;
                    } finally {
                        nlSensitive = saved;
                    }
                }
            }
            boolean saved = nlSensitive;
            nlSensitive = true;
            try {
                Literal lit = literal();
                return new Body(loc(ifTok), List.of(lit));
            } finally {
                nlSensitive = saved;
            }
        }
        if (at(TokenType.LBRACE)) {
            if (version == RegoVersion.V1) {
                throw error(peek(), "`if` keyword is required before rule body");
            }
            return braceBody();
        }
        return null;
    }

    private Rule defaultRule() {
        Token start = next();
        Token name = peek();
        if (name.type() != TokenType.IDENT) {
            throw error(name, "unexpected " + name.describe() + ", expecting a rule name");
        }
        List<Term> ref = headRef();
        List<Term> args = null;
        if (at(TokenType.LPAREN) && !peek().spaceBefore()) {
            args = callArgs();
        }
        if (!at(TokenType.UNIFY) && !at(TokenType.ASSIGN)) {
            throw error(peek(), "unexpected " + peek().describe() + ", expecting `:=` or `=` after default rule name");
        }
        next();
        Term value = relation();
        if (atIdent("in") && !peek().newlineBefore()) {
            throw error(peek(), "unexpected keyword `in`");
        }
        checkDefaultValue(value);
        if (!ground(ref)) {
            throw error(start, "the path of a default rule must not contain variables");
        }
        Rule.Kind kind = args != null ? Rule.Kind.FUNCTION : Rule.Kind.COMPLETE;
        return new Rule(loc(start), kind, ref, args, null, value, true, new Body(loc(start), List.of()), null, text(start));
    }

    /** A default value must be a constant (comprehensions are allowed; OPA and regorus agree). */
    private void checkDefaultValue(Term t) {
        String bad = nonConstantKind(t);
        if (bad != null) {
            throw new RegoException(ErrorCode.PARSE, t.location(), "invalid `" + bad + "` in default value");
        }
    }

    private static String nonConstantKind(Term t) {
        switch (t.kind()) {
            case SCALAR:
                return null;
            case VAR:
                return "var";
            case REF:
                return "ref";
            case CALL: {
                Call c = (Call) t;
                if (c.infix() == null) {
                    return "call";
                }
                switch (c.infix()) {
                    case "u-":
                        return "unaryexpr";
                    case "|":
                    case "&":
                        return "binexpr";
                    case "+":
                    case "-":
                    case "*":
                    case "/":
                    case "%":
                        return "arithexpr";
                    case "in":
                        return "membership";
                    default:
                        return "boolexpr";
                }
            }
            case ARRAY:
                for (Term e : ((ArrayTerm) t).elements()) {
                    String b = nonConstantKind(e);
                    if (b != null) {
                        return b;
                    }
                }
                return null;
            case SET:
                for (Term e : ((SetTerm) t).elements()) {
                    String b = nonConstantKind(e);
                    if (b != null) {
                        return b;
                    }
                }
                return null;
            case OBJECT:
                for (ObjectTerm.Entry e : ((ObjectTerm) t).entries()) {
                    String b = nonConstantKind(e.key());
                    if (b == null) {
                        b = nonConstantKind(e.value());
                    }
                    if (b != null) {
                        return b;
                    }
                }
                return null;
            default:
                return null;
        }
    }

    /** A rule head reference: name, then {@code .x} or {@code [term]} operands. */
    private List<Term> headRef() {
        Token name = next();
        List<Term> ref = new ArrayList<>();
        ref.add(new Scalar(loc(name), StringValue.of(name.text())));
        while (true) {
            if (at(TokenType.DOT) && !peek().spaceBefore()) {
                next();
                Token n = next();
                if (n.type() != TokenType.IDENT) {
                    throw error(n, "unexpected " + n.describe() + ", expecting a name after `.`");
                }
                if (n.spaceBefore()) {
                    throw error(n, "invalid whitespace between . and identifier");
                }
                ref.add(new Scalar(loc(n), StringValue.of(n.text())));
            } else if (at(TokenType.LBRACK) && !peek().spaceBefore()) {
                next();
                boolean savedNl = nlSensitive;
                nlSensitive = false;
                Term t = termIn(false);
                nlSensitive = savedNl;
                expect(TokenType.RBRACK);
                ref.add(t);
            } else {
                return ref;
            }
        }
    }

    private static boolean ground(List<Term> ref) {
        for (int i = 1; i < ref.size(); i++) {
            if (!(ref.get(i) instanceof Scalar)) {
                return false;
            }
        }
        return true;
    }

    private String text(Token start) {
        int end = toks.get(Math.max(p - 1, 0)).end();
        if (end < start.offset()) {
            end = start.offset();
        }
        return src.substring(start.offset(), end);
    }

    // ---------------------------------------------------------------- bodies and literals

    private Body braceBody() {
        Token open = expect(TokenType.LBRACE);
        boolean savedNl = nlSensitive;
        nlSensitive = true;
        List<Literal> lits = new ArrayList<>();
        try {
            while (true) {
                while (at(TokenType.SEMI)) {
                    next();
                }
                if (at(TokenType.RBRACE)) {
                    break;
                }
                if (at(TokenType.EOF)) {
                    throw error(peek(), "unexpected end of input, expecting `}`");
                }
                lits.add(literal());
                if (at(TokenType.SEMI) || at(TokenType.RBRACE)) {
                    continue;
                }
                if (!peek().newlineBefore()) {
                    throw error(peek(), "unexpected " + peek().describe() + ", expecting `;`, newline or `}`");
                }
            }
            next();
        } finally {
            nlSensitive = savedNl;
        }
        if (lits.isEmpty()) {
            throw error(open, "found empty body");
        }
        return new Body(loc(open), lits);
    }

    /** The body of a comprehension, up to (and consuming) {@code close}. */
    private Body comprehensionBody(Token bar, TokenType close) {
        boolean savedNl = nlSensitive;
        nlSensitive = true;
        List<Literal> lits = new ArrayList<>();
        try {
            while (true) {
                while (at(TokenType.SEMI)) {
                    next();
                }
                if (at(close)) {
                    break;
                }
                if (at(TokenType.EOF)) {
                    throw error(peek(), "unexpected end of input, expecting `" + close.symbol + "`");
                }
                lits.add(literal());
                if (at(TokenType.SEMI) || at(close)) {
                    continue;
                }
                if (!peek().newlineBefore()) {
                    throw error(peek(), "unexpected " + peek().describe() + ", expecting `;`, newline or `" + close.symbol + "`");
                }
            }
            next();
        } finally {
            nlSensitive = savedNl;
        }
        if (lits.isEmpty()) {
            throw error(bar, "found empty body");
        }
        return new Body(loc(bar), lits);
    }

    private Body query() {
        nlSensitive = true;
        List<Literal> lits = new ArrayList<>();
        Token first = peek();
        while (true) {
            while (at(TokenType.SEMI)) {
                next();
            }
            if (at(TokenType.EOF)) {
                break;
            }
            lits.add(literal());
            if (at(TokenType.SEMI) || at(TokenType.EOF)) {
                continue;
            }
            if (!peek().newlineBefore()) {
                throw error(peek(), "unexpected " + peek().describe() + ", expecting EOF");
            }
        }
        if (lits.isEmpty()) {
            throw error(first, "empty query");
        }
        return new Body(loc(first), lits);
    }

    private Literal literal() {
        Token start = peek();
        boolean negated = false;
        if (atIdent("not")) {
            next();
            negated = true;
        }
        Expr expr;
        if (atIdent("some") && !negated) {
            expr = some();
        } else if (atIdent("every") && !negated && peek(1).type() == TokenType.IDENT) {
            expr = every();
        } else {
            expr = expr();
        }
        List<With> withs = new ArrayList<>();
        while (atIdent("with")) {
            Token w = next();
            Term target = termIn(false);
            if (!atIdent("as")) {
                throw error(peek(), "unexpected " + peek().describe() + ", expecting `as`");
            }
            next();
            Term value = termIn(false);
            withs.add(new With(loc(w), target, value));
        }
        return new Literal(loc(start), expr, negated, withs);
    }

    private Expr some() {
        Token s = next();
        List<Term> terms = new ArrayList<>();
        terms.add(relation());
        while (at(TokenType.COMMA)) {
            next();
            terms.add(relation());
        }
        if (atIdent("in")) {
            next();
            if (terms.size() > 2) {
                throw error(s, "unexpected `,` in `some`: at most a key and a value may precede `in`");
            }
            Term coll = relation();
            return new Expr.SomeIn(loc(s), terms.size() == 2 ? terms.get(0) : null, terms.get(terms.size() - 1), coll);
        }
        List<Var> vars = new ArrayList<>();
        for (Term t : terms) {
            if (!(t instanceof Var v)) {
                throw new RegoException(ErrorCode.PARSE, t.location(), "expected a variable after `some`, found " + t);
            }
            vars.add(v);
        }
        return new Expr.SomeDecl(loc(s), vars);
    }

    private Expr every() {
        Token e = next();
        Term first = relation();
        Term key = null;
        Term value = first;
        if (at(TokenType.COMMA)) {
            next();
            key = first;
            value = relation();
        }
        if (!atIdent("in")) {
            throw error(peek(), "unexpected " + peek().describe() + ", expecting `in`");
        }
        next();
        Term domain = relation();
        if (key != null && !(key instanceof Var)) {
            throw new RegoException(ErrorCode.PARSE, key.location(), "the key of `every` must be a variable");
        }
        if (!(value instanceof Var)) {
            throw new RegoException(ErrorCode.PARSE, value.location(), "the value of `every` must be a variable");
        }
        Body body = braceBody();
        return new Expr.Every(loc(e), key, value, domain, body);
    }

    private Expr expr() {
        Token start = peek();
        Term lhs = termIn(true);
        if (at(TokenType.UNIFY) && !endsStatement(peek())) {
            next();
            Term rhs = termIn(true);
            return new Expr.Unify(loc(start), lhs, rhs);
        }
        if (at(TokenType.ASSIGN) && !endsStatement(peek())) {
            Token a = next();
            checkAssignable(lhs, a);
            Term rhs = termIn(true);
            return new Expr.Assign(loc(start), lhs, rhs);
        }
        return new Expr.TermExpr(loc(start), lhs);
    }

    private void checkAssignable(Term lhs, Token at) {
        switch (lhs.kind()) {
            case VAR:
            case ARRAY:
            case OBJECT:
            case SCALAR:
                return;
            default:
                throw error(at, "cannot assign to " + lhs);
        }
    }

    // ---------------------------------------------------------------- terms and operators

    /** Membership: {@code x in xs}, and when {@code keyVal} also {@code k, v in xs}. */
    private Term termIn(boolean keyVal) {
        enter();
        try {
            Term lhs = relation();
            if (keyVal && at(TokenType.COMMA) && !endsStatement(peek())) {
                int save = p;
                next();
                Term mid = relation();
                if (atIdent("in")) {
                    Token in = next();
                    Term rhs = relation();
                    lhs = new Call(loc(in), "internal.member_3", List.of(lhs, mid, rhs), "in");
                } else {
                    p = save;
                    return lhs;
                }
            }
            while (atIdent("in") && !endsStatement(peek())) {
                Token in = next();
                Term rhs = relation();
                lhs = new Call(lhs.location(), "internal.member_2", List.of(lhs, rhs), "in");
            }
            return lhs;
        } finally {
            leave();
        }
    }

    private Term relation() {
        Term lhs = or();
        while (true) {
            Token t = peek();
            String name;
            switch (t.type()) {
                case EQ: name = "equal"; break;
                case NEQ: name = "neq"; break;
                case LT: name = "lt"; break;
                case LTE: name = "lte"; break;
                case GT: name = "gt"; break;
                case GTE: name = "gte"; break;
                default: return lhs;
            }
            if (endsStatement(t)) {
                return lhs;
            }
            next();
            Term rhs = or();
            lhs = new Call(lhs.location(), name, List.of(lhs, rhs), t.type().symbol);
        }
    }

    private Term or() {
        Term lhs = and();
        while (at(TokenType.BAR) && !endsStatement(peek())) {
            Token t = next();
            Term rhs = and();
            lhs = new Call(lhs.location(), "or", List.of(lhs, rhs), "|");
        }
        return lhs;
    }

    private Term and() {
        Term lhs = arith();
        while (at(TokenType.AMP) && !endsStatement(peek())) {
            next();
            Term rhs = arith();
            lhs = new Call(lhs.location(), "and", List.of(lhs, rhs), "&");
        }
        return lhs;
    }

    private Term arith() {
        Term lhs = factor();
        while ((at(TokenType.PLUS) || at(TokenType.MINUS)) && !endsStatement(peek())) {
            Token t = next();
            Term rhs = factor();
            lhs = new Call(lhs.location(), t.is(TokenType.PLUS) ? "plus" : "minus", List.of(lhs, rhs), t.type().symbol);
        }
        return lhs;
    }

    private Term factor() {
        Term lhs = unary();
        while ((at(TokenType.STAR) || at(TokenType.SLASH) || at(TokenType.PERCENT)) && !endsStatement(peek())) {
            Token t = next();
            Term rhs = unary();
            String name = t.is(TokenType.STAR) ? "mul" : t.is(TokenType.SLASH) ? "div" : "rem";
            lhs = new Call(lhs.location(), name, List.of(lhs, rhs), t.type().symbol);
        }
        return lhs;
    }

    private Term unary() {
        if (!at(TokenType.MINUS)) {
            return primaryWithRefs();
        }
        Token minus = next();
        if (at(TokenType.MINUS)) {
            throw error(minus, "unary - can only be used with numeric literals");
        }
        if (at(TokenType.NUMBER)) {
            Token n = next();
            Term num = new Scalar(loc(minus), NumberValue.literal("-" + n.text()));
            return refsAndCalls(num);
        }
        Term operand = primaryWithRefs();
        if (operand instanceof Var || operand instanceof Ref || operand instanceof Call && ((Call) operand).infix() == null) {
            // OPA reads -x as 0 - x; regorus allows unary minus on number literals only (checked by the compiler).
            return new Call(loc(minus), "minus", List.of(new Scalar(loc(minus), NumberValue.ZERO), operand),
                    options.unaryMinusOnTerms() ? "-" : "u-");
        }
        throw error(minus, "unary - can only be used with numeric literals");
    }

    private Term primaryWithRefs() {
        return refsAndCalls(primary());
    }

    private Term primary() {
        Token t = peek();
        switch (t.type()) {
            case NUMBER:
                next();
                return new Scalar(loc(t), NumberValue.literal(t.text()));
            case STRING:
            case RAW_STRING:
                next();
                return new Scalar(loc(t), StringValue.of(t.text()));
            case IDENT:
                next();
                switch (t.text()) {
                    case "true":
                        return new Scalar(loc(t), BooleanValue.TRUE);
                    case "false":
                        return new Scalar(loc(t), BooleanValue.FALSE);
                    case "null":
                        return new Scalar(loc(t), NullValue.INSTANCE);
                    case "set":
                        if (at(TokenType.LPAREN) && !peek().spaceBefore() && peek(1).is(TokenType.RPAREN)) {
                            next();
                            next();
                            return new SetTerm(loc(t), List.of());
                        }
                        return new Var(loc(t), t.text());
                    default:
                        if (isReservedInTerm(t.text()) && !(at(TokenType.LPAREN) && !peek().spaceBefore())) {
                            throw error(t, "unexpected keyword `" + t.text() + "`");
                        }
                        return new Var(loc(t), t.text());
                }
            case LBRACK:
                return array();
            case LBRACE:
                return braced();
            case LPAREN: {
                next();
                boolean savedNl = nlSensitive;
                nlSensitive = false;
                Term inner;
                try {
                    inner = termIn(true);
                } finally {
                    nlSensitive = savedNl;
                }
                if (!at(TokenType.RPAREN)) {
                    throw error(peek(), "unexpected " + peek().describe() + ", expecting `)`");
                }
                next();
                return inner;
            }
            default:
                throw error(t, "unexpected " + t.describe() + (t.is(TokenType.EOF) ? "" : ", expecting a term"));
        }
    }

    private static boolean isReservedInTerm(String word) {
        switch (word) {
            case "import":
            case "package":
            case "default":
            case "else":
            case "with":
            case "as":
            case "not":
            case "some":
            case "every":
            case "in":
            case "if":
                return true;
            default:
                return false;
        }
    }

    /** Reference operators and calls directly following a term (no whitespace before them). */
    private Term refsAndCalls(Term head) {
        Term term = head;
        List<Term> ops = new ArrayList<>();
        Term refHead = head;
        while (true) {
            Token t = peek();
            if (t.spaceBefore()) {
                break;
            }
            if (t.is(TokenType.DOT)) {
                next();
                Token n = next();
                if (n.type() != TokenType.IDENT) {
                    throw error(n, "unexpected " + n.describe() + ", expecting a name after `.`");
                }
                if (n.spaceBefore()) {
                    throw error(n, "invalid whitespace between . and identifier");
                }
                ops.add(new Scalar(loc(n), StringValue.of(n.text())));
            } else if (t.is(TokenType.LBRACK)) {
                next();
                boolean savedNl = nlSensitive;
                nlSensitive = false;
                Term op;
                try {
                    op = termIn(false);
                } finally {
                    nlSensitive = savedNl;
                }
                expect(TokenType.RBRACK);
                ops.add(op);
            } else if (t.is(TokenType.LPAREN)) {
                String name = callName(refHead, ops);
                if (name == null) {
                    throw error(t, "unexpected `(`: only a name can be called");
                }
                List<Term> args = callArgs();
                refHead = new Call(refHead.location(), name, args, null);
                ops = new ArrayList<>();
            } else {
                break;
            }
        }
        if (ops.isEmpty()) {
            return refHead;
        }
        return new Ref(refHead.location(), refHead, ops);
    }

    /** The dotted name of {@code head.ops} when it can name a function, else null. */
    private static String callName(Term head, List<Term> ops) {
        if (!(head instanceof Var v)) {
            return null;
        }
        StringBuilder sb = new StringBuilder(v.name());
        for (Term op : ops) {
            if (op instanceof Scalar s && s.value() instanceof StringValue str) {
                sb.append('.').append(str.value());
            } else {
                return null;
            }
        }
        return sb.toString();
    }

    private List<Term> callArgs() {
        expect(TokenType.LPAREN);
        boolean savedNl = nlSensitive;
        nlSensitive = false;
        List<Term> args = new ArrayList<>();
        try {
            while (!at(TokenType.RPAREN)) {
                args.add(termIn(false));
                if (at(TokenType.COMMA)) {
                    next();
                } else if (!at(TokenType.RPAREN)) {
                    throw error(peek(), "unexpected " + peek().describe() + ", expecting `)`");
                }
            }
            next();
        } finally {
            nlSensitive = savedNl;
        }
        return args;
    }

    /**
     * {@code [...]}: as OPA, the first element is read as a plain term (no infix operator); if a
     * {@code |} follows, a comprehension body is tried, and on failure the whole is re-read as an
     * array whose elements are full expressions (so {@code [x | y, 5]} is an array).
     */
    private Term array() {
        Token open = next();
        boolean savedNl = nlSensitive;
        nlSensitive = false;
        try {
            if (at(TokenType.RBRACK)) {
                next();
                return new ArrayTerm(loc(open), List.of());
            }
            int save = p;
            Term head = unary();
            if (at(TokenType.BAR)) {
                Token bar = next();
                try {
                    Body body = comprehensionBody(bar, TokenType.RBRACK);
                    return new ArrayCompr(loc(open), head, body);
                } catch (RegoException notComprehension) {
                    // fall back to an array
                }
            }
            p = save;
            List<Term> elems = new ArrayList<>();
            while (!at(TokenType.RBRACK)) {
                elems.add(termIn(false));
                if (at(TokenType.COMMA)) {
                    next();
                } else if (!at(TokenType.RBRACK)) {
                    throw error(peek(), "unexpected " + peek().describe() + ", expecting `,` or `]`");
                }
            }
            next();
            return new ArrayTerm(loc(open), elems);
        } finally {
            nlSensitive = savedNl;
        }
    }

    /** {@code {...}}: object, set, or their comprehensions, disambiguated as in {@link #array()}. */
    private Term braced() {
        Token open = next();
        boolean savedNl = nlSensitive;
        nlSensitive = false;
        try {
            if (at(TokenType.RBRACE)) {
                next();
                return new ObjectTerm(loc(open), List.of());
            }
            int save = p;
            Term head = unary();
            if (at(TokenType.COLON)) {
                next();
                Term value = unary();
                if (at(TokenType.BAR)) {
                    Token bar = next();
                    try {
                        Body body = comprehensionBody(bar, TokenType.RBRACE);
                        return new ObjectCompr(loc(open), head, value, body);
                    } catch (RegoException notComprehension) {
                        // fall back to an object
                    }
                }
            } else if (at(TokenType.BAR)) {
                Token bar = next();
                try {
                    Body body = comprehensionBody(bar, TokenType.RBRACE);
                    return new SetCompr(loc(open), head, body);
                } catch (RegoException notComprehension) {
                    // fall back to a set
                }
            }
            p = save;
            Term first = termIn(false);
            if (at(TokenType.COLON)) {
                next();
                List<ObjectTerm.Entry> entries = new ArrayList<>();
                entries.add(new ObjectTerm.Entry(first, termIn(false)));
                while (at(TokenType.COMMA)) {
                    next();
                    if (at(TokenType.RBRACE)) {
                        break;
                    }
                    Term k = termIn(false);
                    expect(TokenType.COLON);
                    entries.add(new ObjectTerm.Entry(k, termIn(false)));
                }
                if (!at(TokenType.RBRACE)) {
                    throw error(peek(), "unexpected " + peek().describe() + ", expecting `,` or `}`");
                }
                next();
                return new ObjectTerm(loc(open), entries);
            }
            List<Term> elems = new ArrayList<>();
            elems.add(first);
            while (at(TokenType.COMMA)) {
                next();
                if (at(TokenType.RBRACE)) {
                    break;
                }
                elems.add(termIn(false));
            }
            if (!at(TokenType.RBRACE)) {
                throw error(peek(), "unexpected " + peek().describe() + ", expecting `,` or `}`");
            }
            next();
            return new SetTerm(loc(open), elems);
        } finally {
            nlSensitive = savedNl;
        }
    }

}
