package io.coco4j.rvps.intoto;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Python's {@code fnmatch} as in-toto applies it to artifact paths: {@code *} matches anything,
 * {@code /} included; {@code ?} one character; {@code [seq]} and {@code [!seq]} sets; case-sensitive.
 */
final class PathPattern {

    private final Pattern regex;

    private PathPattern(Pattern regex) {
        this.regex = regex;
    }

    static PathPattern of(String glob) {
        StringBuilder out = new StringBuilder();
        int n = glob.length();
        int i = 0;
        while (i < n) {
            char c = glob.charAt(i++);
            if (c == '*') {
                if (out.length() < 2 || !out.substring(out.length() - 2).equals(".*")) {
                    out.append(".*");
                }
            } else if (c == '?') {
                out.append('.');
            } else if (c == '[') {
                int j = i;
                if (j < n && glob.charAt(j) == '!') {
                    j++;
                }
                if (j < n && glob.charAt(j) == ']') {
                    j++;
                }
                while (j < n && glob.charAt(j) != ']') {
                    j++;
                }
                if (j >= n) {
                    out.append("\\[");
                } else {
                    String set = glob.substring(i, j);
                    i = j + 1;
                    StringBuilder cls = new StringBuilder("[");
                    int k = 0;
                    if (set.startsWith("!")) {
                        cls.append('^');
                        k = 1;
                    }
                    for (; k < set.length(); k++) {
                        char s = set.charAt(k);
                        if (s == '\\' || s == '[' || s == ']' || s == '&' || s == '^') {
                            cls.append('\\');
                        }
                        cls.append(s);
                    }
                    out.append(cls).append(']');
                }
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new PathPattern(Pattern.compile(out.toString(), Pattern.DOTALL));
    }

    boolean matches(String path) {
        return regex.matcher(path).matches();
    }

    Set<String> filter(Iterable<String> paths) {
        Set<String> out = new TreeSet<>();
        for (String path : paths) {
            if (matches(path)) {
                out.add(path);
            }
        }
        return out;
    }

    /** {@code os.path.join(prefix, name)} for the relative paths of artifact rules. */
    static String join(String prefix, String name) {
        if (prefix.isEmpty()) {
            return name;
        }
        if (name.startsWith("/")) {
            return name;
        }
        return prefix.endsWith("/") ? prefix + name : prefix + "/" + name;
    }

    /** {@code os.path.relpath(path, prefix)} for a path below the prefix. */
    static String relative(String path, String prefix) {
        String base = prefix;
        while (base.endsWith("/") && base.length() > 1) {
            base = base.substring(0, base.length() - 1);
        }
        if (path.startsWith(base + "/")) {
            return path.substring(base.length() + 1);
        }
        return java.nio.file.Path.of(base).relativize(java.nio.file.Path.of(path)).toString();
    }
}
