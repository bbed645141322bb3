package io.coco4j.rego.builtins;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides whether two simple regular expressions (literals, {@code .}, classes, {@code * + ?},
 * groups and {@code |}) share a matching string, by searching the product of their NFAs.
 */
final class RegexIntersection {
    private RegexIntersection() {
    }

    /** A character predicate: any char, a set of ranges, or its negation. */
    private record CharSet(boolean any, boolean negated, List<int[]> ranges) {
        boolean contains(int ch) {
            if (any) {
                return true;
            }
            boolean in = false;
            for (int[] r : ranges) {
                if (ch >= r[0] && ch <= r[1]) {
                    in = true;
                    break;
                }
            }
            return in != negated;
        }

        /** Characters worth testing for overlap with another set: range ends and a few probes. */
        void candidates(Set<Integer> out) {
            for (int[] r : ranges) {
                out.add(r[0]);
                out.add(r[1]);
            }
            out.add((int) 'a');
            out.add(0x10FFFF - 1);
        }
    }

    private static final class Nfa {
        final List<CharSet> edgeLabel = new ArrayList<>();
        final List<int[]> edges = new ArrayList<>();
        final List<List<Integer>> eps = new ArrayList<>();
        int states;

        int newState() {
            eps.add(new ArrayList<>());
            return states++;
        }

        void edge(int from, CharSet cs, int to) {
            edges.add(new int[] {from, to});
            edgeLabel.add(cs);
        }

        void epsilon(int from, int to) {
            eps.get(from).add(to);
        }
    }

    private static final class Builder {
        final String re;
        int pos;
        final Nfa nfa = new Nfa();

        Builder(String re) {
            this.re = re;
        }

        int[] alternation() {
            int[] frag = sequence();
            while (pos < re.length() && re.charAt(pos) == '|') {
                pos++;
                int[] other = sequence();
                int s = nfa.newState();
                int e = nfa.newState();
                nfa.epsilon(s, frag[0]);
                nfa.epsilon(s, other[0]);
                nfa.epsilon(frag[1], e);
                nfa.epsilon(other[1], e);
                frag = new int[] {s, e};
            }
            return frag;
        }

        int[] sequence() {
            int s = nfa.newState();
            int cur = s;
            while (pos < re.length() && re.charAt(pos) != '|' && re.charAt(pos) != ')') {
                int[] atom = repeat();
                nfa.epsilon(cur, atom[0]);
                cur = atom[1];
            }
            return new int[] {s, cur};
        }

        int[] repeat() {
            int[] a = atom();
            while (pos < re.length() && "*+?".indexOf(re.charAt(pos)) >= 0) {
                char op = re.charAt(pos++);
                int s = nfa.newState();
                int e = nfa.newState();
                nfa.epsilon(s, a[0]);
                nfa.epsilon(a[1], e);
                if (op != '+') {
                    nfa.epsilon(s, e);
                }
                if (op != '?') {
                    nfa.epsilon(a[1], a[0]);
                }
                a = new int[] {s, e};
            }
            return a;
        }

        int[] atom() {
            char c = re.charAt(pos++);
            CharSet cs;
            if (c == '(') {
                if (re.startsWith("?:", pos)) {
                    pos += 2;
                }
                int[] inner = alternation();
                if (pos < re.length() && re.charAt(pos) == ')') {
                    pos++;
                }
                return inner;
            } else if (c == '.') {
                cs = new CharSet(true, false, List.of());
            } else if (c == '[') {
                boolean neg = pos < re.length() && re.charAt(pos) == '^';
                if (neg) {
                    pos++;
                }
                List<int[]> ranges = new ArrayList<>();
                boolean first = true;
                while (pos < re.length() && (re.charAt(pos) != ']' || first)) {
                    first = false;
                    int lo = literal();
                    int hi = lo;
                    if (pos + 1 < re.length() && re.charAt(pos) == '-' && re.charAt(pos + 1) != ']') {
                        pos++;
                        hi = literal();
                    }
                    ranges.add(new int[] {lo, hi});
                }
                pos++;
                cs = new CharSet(false, neg, ranges);
            } else {
                pos--;
                int ch = literal();
                cs = new CharSet(false, false, List.of(new int[] {ch, ch}));
            }
            int s = nfa.newState();
            int e = nfa.newState();
            nfa.edge(s, cs, e);
            return new int[] {s, e};
        }

        int literal() {
            char c = re.charAt(pos++);
            if (c == '\\' && pos < re.length()) {
                return re.charAt(pos++);
            }
            return c;
        }
    }

    static boolean intersects(String a, String b) {
        Builder ba = new Builder(a);
        int[] fa = ba.alternation();
        Builder bb = new Builder(b);
        int[] fb = bb.alternation();
        Nfa na = ba.nfa;
        Nfa nb = bb.nfa;
        Deque<long[]> queue = new ArrayDeque<>();
        Set<Long> seen = new HashSet<>();
        BitSet startA = closure(na, fa[0]);
        BitSet startB = closure(nb, fb[0]);
        for (int x = startA.nextSetBit(0); x >= 0; x = startA.nextSetBit(x + 1)) {
            for (int y = startB.nextSetBit(0); y >= 0; y = startB.nextSetBit(y + 1)) {
                if (seen.add(((long) x << 32) | y)) {
                    queue.add(new long[] {x, y});
                }
            }
        }
        while (!queue.isEmpty()) {
            long[] st = queue.poll();
            int x = (int) st[0];
            int y = (int) st[1];
            if (x == fa[1] && y == fb[1]) {
                return true;
            }
            for (int i = 0; i < na.edges.size(); i++) {
                if (na.edges.get(i)[0] != x) {
                    continue;
                }
                for (int j = 0; j < nb.edges.size(); j++) {
                    if (nb.edges.get(j)[0] != y || !overlap(na.edgeLabel.get(i), nb.edgeLabel.get(j))) {
                        continue;
                    }
                    BitSet ca = closure(na, na.edges.get(i)[1]);
                    BitSet cb = closure(nb, nb.edges.get(j)[1]);
                    for (int p = ca.nextSetBit(0); p >= 0; p = ca.nextSetBit(p + 1)) {
                        for (int q = cb.nextSetBit(0); q >= 0; q = cb.nextSetBit(q + 1)) {
                            if (seen.add(((long) p << 32) | q)) {
                                queue.add(new long[] {p, q});
                            }
                        }
                    }
                }
            }
        }
        return false;
    }

    private static boolean overlap(CharSet a, CharSet b) {
        Set<Integer> probes = new HashSet<>();
        a.candidates(probes);
        b.candidates(probes);
        for (int ch : probes) {
            if (a.contains(ch) && b.contains(ch)) {
                return true;
            }
        }
        return false;
    }

    private static BitSet closure(Nfa n, int s) {
        BitSet out = new BitSet();
        Deque<Integer> stack = new ArrayDeque<>();
        stack.push(s);
        out.set(s);
        while (!stack.isEmpty()) {
            int x = stack.pop();
            for (int y : n.eps.get(x)) {
                if (!out.get(y)) {
                    out.set(y);
                    stack.push(y);
                }
            }
        }
        return out;
    }
}
