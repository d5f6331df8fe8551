package dev.jnas.engine.report;

import dev.jnas.nn.spec.ActivationSpec;
import dev.jnas.nn.spec.ArchitectureSpec;
import dev.jnas.nn.spec.AvgPool2dSpec;
import dev.jnas.nn.spec.Conv2dSpec;
import dev.jnas.nn.spec.DenseSpec;
import dev.jnas.nn.spec.DropoutSpec;
import dev.jnas.nn.spec.LayerSpec;
import dev.jnas.nn.spec.MaxPool2dSpec;
import dev.jnas.nn.spec.ParallelSpec;
import dev.jnas.nn.spec.SequentialSpec;

/**
 * Draws an architecture as inline SVG: one box per layer top to bottom, the branches of a parallel
 * block side by side with a merge box under them.
 */
public final class ArchitectureDiagram {
    private static final int BOX_W = 150;
    private static final int BOX_H = 24;
    private static final int GAP = 10;

    private ArchitectureDiagram() {
    }

    private record Size(int w, int h) {
    }

    /** The SVG element for {@code spec}. */
    public static String svg(ArchitectureSpec spec) {
        Size s = size(spec.body());
        int w = s.w() + 2 * GAP;
        int h = s.h() + BOX_H + 3 * GAP;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class=\"arch\" width=\"").append(w).append("\" height=\"").append(h).append("\" viewBox=\"0 0 ")
                .append(w).append(' ').append(h).append("\">");
        box(sb, GAP + (s.w() - BOX_W) / 2, GAP, "input " + spec.channels() + "x" + spec.height() + "x" + spec.width(), "#eee");
        draw(sb, spec.body(), GAP, GAP + BOX_H + GAP, s.w());
        return sb.append("</svg>").toString();
    }

    private static Size size(LayerSpec l) {
        if (l instanceof SequentialSpec s) {
            int w = BOX_W;
            int h = 0;
            for (LayerSpec c : s.layers()) {
                Size cs = size(c);
                w = Math.max(w, cs.w());
                h += cs.h() + GAP;
            }
            return new Size(w, Math.max(0, h - GAP));
        }
        if (l instanceof ParallelSpec p) {
            int w = 0;
            int h = 0;
            for (LayerSpec b : p.branches()) {
                Size bs = size(b);
                w += bs.w() + GAP;
                h = Math.max(h, bs.h());
            }
            return new Size(Math.max(BOX_W, w - GAP), h + GAP + BOX_H);
        }
        return new Size(BOX_W, BOX_H);
    }

    /** Draws {@code l} centred in a column of width {@code w} starting at ({@code x}, {@code y}). */
    private static void draw(StringBuilder sb, LayerSpec l, int x, int y, int w) {
        Size s = size(l);
        if (l instanceof SequentialSpec seq) {
            int cy = y;
            for (LayerSpec c : seq.layers()) {
                draw(sb, c, x, cy, w);
                cy += size(c).h() + GAP;
            }
        } else if (l instanceof ParallelSpec p) {
            int bx = x + (w - s.w()) / 2;
            int bh = 0;
            for (LayerSpec b : p.branches()) {
                Size bs = size(b);
                sb.append("<rect x=\"").append(bx - 2).append("\" y=\"").append(y - 2).append("\" width=\"").append(bs.w() + 4)
                        .append("\" height=\"").append(bs.h() + 4).append("\" fill=\"none\" stroke=\"#bbb\" stroke-dasharray=\"3\"/>");
                if (b instanceof SequentialSpec bseq && bseq.layers().isEmpty() || isIdentity(b)) {
                    box(sb, bx, y, "identity", "#fff");
                } else {
                    draw(sb, b, bx, y, bs.w());
                }
                bx += bs.w() + GAP;
                bh = Math.max(bh, bs.h());
            }
            box(sb, x + (w - BOX_W) / 2, y + bh + GAP, "merge " + p.merge().name().toLowerCase(java.util.Locale.ROOT), "#fde");
        } else {
            box(sb, x + (w - BOX_W) / 2, y, label(l), color(l));
        }
    }

    private static boolean isIdentity(LayerSpec l) {
        return l instanceof dev.jnas.nn.spec.IdentitySpec;
    }

    private static void box(StringBuilder sb, int x, int y, String text, String fill) {
        sb.append("<rect x=\"").append(x).append("\" y=\"").append(y).append("\" width=\"").append(BOX_W).append("\" height=\"")
                .append(BOX_H).append("\" rx=\"4\" fill=\"").append(fill).append("\" stroke=\"#555\"/>");
        sb.append("<text x=\"").append(x + BOX_W / 2).append("\" y=\"").append(y + 16).append("\" text-anchor=\"middle\" class=\"k\">")
                .append(Svg.esc(text)).append("</text>");
    }

    static String label(LayerSpec l) {
        if (l instanceof Conv2dSpec c) {
            return "conv " + c.kernel() + "x" + c.kernel() + " " + c.filters() + (c.stride() > 1 ? " /" + c.stride() : "");
        }
        if (l instanceof DenseSpec d) {
            return "dense " + d.units();
        }
        if (l instanceof MaxPool2dSpec m) {
            return "maxpool " + m.size();
        }
        if (l instanceof AvgPool2dSpec a) {
            return "avgpool " + a.size();
        }
        if (l instanceof DropoutSpec d) {
            return "dropout " + d.rate();
        }
        if (l instanceof ActivationSpec a) {
            return a.function().name().toLowerCase(java.util.Locale.ROOT);
        }
        String n = l.getClass().getSimpleName().replace("Spec", "");
        return n.toLowerCase(java.util.Locale.ROOT);
    }

    private static String color(LayerSpec l) {
        if (l instanceof Conv2dSpec) {
            return "#cde";
        }
        if (l instanceof DenseSpec) {
            return "#dfd";
        }
        if (l instanceof MaxPool2dSpec || l instanceof AvgPool2dSpec) {
            return "#ffd";
        }
        return "#f4f4f4";
    }
}
