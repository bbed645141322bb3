package io.coco4j.rego.builtins;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Compiles Go (RE2) regular expressions with {@link java.util.regex}: translates the syntax that
 * differs ({@code (?P<name>)}, POSIX classes, a literal {@code {}) and caches compiled patterns.
 */
final class GoRegex {
    private static final int CACHE_SIZE = 2048;
    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, String> POSIX = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\s"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));

    private GoRegex() {
    }

    /** The compiled pattern; throws {@link PatternSyntaxException} when invalid. */
    static Pattern compile(String re) {
        Pattern p = CACHE.get(re);
        if (p != null) {
            return p;
        }
        p = Pattern.compile(translate(re));
        if (CACHE.size() >= CACHE_SIZE) {
            CACHE.clear();
        }
        CACHE.put(re, p);
        return p;
    }

    static String translate(String re) {
        StringBuilder sb = new StringBuilder(re.length() + 8);
        int n = re.length();
        boolean inClass = false;
        for (int i = 0; i < n; i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char d = re.charAt(i + 1);
                if (d == 'z') {
                    sb.append("\\z");
                } else {
                    sb.append(c).append(d);
                }
                i++;
                continue;
            }
            if (inClass) {
                if (c == '[' && re.startsWith("[:", i)) {
                    int end = re.indexOf(":]", i + 2);
                    if (end > 0) {
                        String name = re.substring(i + 2, end);
                        boolean neg = name.startsWith("^");
                        String cls = POSIX.get(neg ? name.substring(1) : name);
                        if (cls != null) {
                            sb.append(neg ? cls.replace("\\p", "\\P").replace("\\s", "\\S").replace("\\w", "\\W") : cls);
                            i = end + 1;
                            continue;
                        }
                    }
                }
                if (c == '[') {
                    sb.append("\\[");
                    continue;
                }
                if (c == '&' && i + 1 < n && re.charAt(i + 1) == '&') {
                    sb.append("\\&");
                    continue;
                }
                if (c == ']') {
                    inClass = false;
                }
                sb.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                sb.append(c);
                if (i + 1 < n && re.charAt(i + 1) == '^') {
                    sb.append('^');
                    i++;
                }
                if (i + 1 < n && re.charAt(i + 1) == ']') {
                    sb.append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '(' && re.startsWith("(?P<", i)) {
                sb.append("(?<");
                i += 3;
                continue;
            }
            if (c == '{' && !isRepeat(re, i)) {
                sb.append("\\{");
                continue;
            }
            if (c == '}' && !closesRepeat(re, i)) {
                sb.append("\\}");
                continue;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private static boolean isRepeat(String re, int i) {
        return re.substring(i).matches("(?s)\\{\\d+(,\\d*)?\\}.*") && i > 0;
    }

    private static boolean closesRepeat(String re, int i) {
        int open = re.lastIndexOf('{', i);
        return open >= 0 && isRepeat(re, open) && re.indexOf('}', open) == i;
    }

    /** Go's ReplaceAllString: {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} expand; {@code $$} is a dollar. */
    static String replaceAll(Pattern p, String input, String tpl) {
        java.util.regex.Matcher m = p.matcher(input);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(input, last, m.start());
            expand(m, tpl, out);
            last = m.end();
            if (m.end() == m.start()) {
                if (m.end() >= input.length()) {
                    break;
                }
                int cp = input.codePointAt(m.end());
                out.appendCodePoint(cp);
                last = m.end() + Character.charCount(cp);
                if (!m.find(last)) {
                    break;
                }
                m.region(last, input.length());
            }
        }
        out.append(input, Math.min(last, input.length()), input.length());
        return out.toString();
    }

    private static void expand(java.util.regex.Matcher m, String tpl, StringBuilder out) {
        int n = tpl.length();
        for (int i = 0; i < n; i++) {
            char c = tpl.charAt(i);
            if (c != '$' || i + 1 >= n) {
                out.append(c);
                continue;
            }
            if (tpl.charAt(i + 1) == '$') {
                out.append('$');
                i++;
                continue;
            }
            String name;
            int end;
            if (tpl.charAt(i + 1) == '{') {
                end = tpl.indexOf('}', i + 2);
                if (end < 0) {
                    out.append(c);
                    continue;
                }
                name = tpl.substring(i + 2, end);
            } else {
                end = i + 1;
                while (end < n && (Character.isLetterOrDigit(tpl.charAt(end)) || tpl.charAt(end) == '_')) {
                    end++;
                }
                name = tpl.substring(i + 1, end);
                end--;
            }
            if (name.isEmpty()) {
                out.append(c);
                continue;
            }
            String g = null;
            try {
                if (name.chars().allMatch(Character::isDigit)) {
                    int idx = Integer.parseInt(name);
                    g = idx <= m.groupCount() ? m.group(idx) : null;
                } else {
                    g = m.group(name);
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                g = null;
            }
            if (g != null) {
                out.append(g);
            }
            i = end;
        }
    }
}
