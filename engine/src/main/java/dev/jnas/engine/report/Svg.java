package dev.jnas.engine.report;

import java.util.List;
import java.util.Locale;

/** Minimal inline-SVG charts for {@link HtmlReport}: line charts and a scatter with a marked front. */
final class Svg {
    static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2"};
    private static final int W = 560;
    private static final int H = 300;
    private static final int PAD = 48;

    record Point(double x, double y) {
    }

    record Series(String label, List<Point> points) {
    }

    private Svg() {
    }

    static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private record Box(double x0, double x1, double y0, double y1) {
        double sx(double x) {
            return PAD + (x1 == x0 ? 0.5 : (x - x0) / (x1 - x0)) * (W - 2 * PAD);
        }

        double sy(double y) {
            return H - PAD - (y1 == y0 ? 0.5 : (y - y0) / (y1 - y0)) * (H - 2 * PAD);
        }
    }

    private static Box bounds(List<Series> series) {
        double x0 = Double.MAX_VALUE, x1 = -Double.MAX_VALUE, y0 = Double.MAX_VALUE, y1 = -Double.MAX_VALUE;
        for (Series s : series) {
            for (Point p : s.points()) {
                x0 = Math.min(x0, p.x());
                x1 = Math.max(x1, p.x());
                y0 = Math.min(y0, p.y());
                y1 = Math.max(y1, p.y());
            }
        }
        return x0 > x1 ? new Box(0, 1, 0, 1) : new Box(x0, x1, y0, y1);
    }

    private static String frame(StringBuilder sb, String title, String xLabel, String yLabel, Box b) {
        sb.append("<svg class=\"chart\" width=\"").append(W).append("\" height=\"").append(H)
                .append("\" viewBox=\"0 0 ").append(W).append(' ').append(H).append("\" role=\"img\">");
        sb.append("<title>").append(esc(title)).append("</title>");
        sb.append("<text x=\"").append(W / 2).append("\" y=\"18\" text-anchor=\"middle\" class=\"t\">").append(esc(title)).append("</text>");
        sb.append("<line x1=\"").append(PAD).append("\" y1=\"").append(H - PAD).append("\" x2=\"").append(W - PAD)
                .append("\" y2=\"").append(H - PAD).append("\" stroke=\"#333\"/>");
        sb.append("<line x1=\"").append(PAD).append("\" y1=\"").append(PAD).append("\" x2=\"").append(PAD)
                .append("\" y2=\"").append(H - PAD).append("\" stroke=\"#333\"/>");
        sb.append("<text x=\"").append(W / 2).append("\" y=\"").append(H - 10).append("\" text-anchor=\"middle\">").append(esc(xLabel)).append("</text>");
        sb.append("<text x=\"14\" y=\"").append(H / 2).append("\" transform=\"rotate(-90 14 ").append(H / 2)
                .append(")\" text-anchor=\"middle\">").append(esc(yLabel)).append("</text>");
        sb.append(tick(PAD, H - PAD + 14, b.x0())).append(tick(W - PAD, H - PAD + 14, b.x1()));
        sb.append(tick(PAD - 22, H - PAD, b.y0())).append(tick(PAD - 22, PAD + 4, b.y1()));
        return "";
    }

    private static String tick(double x, double y, double v) {
        String t = Math.abs(v) >= 1000 ? String.format(Locale.ROOT, "%.3g", v) : String.format(Locale.ROOT, "%.4g", v);
        return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"middle\" class=\"k\">" + t + "</text>";
    }

    /** Step-free polylines, one per series, with a legend. */
    static String lines(String title, String xLabel, String yLabel, List<Series> series) {
        StringBuilder sb = new StringBuilder();
        Box b = bounds(series);
        frame(sb, title, xLabel, yLabel, b);
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            String color = COLORS[i % COLORS.length];
            sb.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"");
            for (Point p : s.points()) {
                sb.append(f(b.sx(p.x()))).append(',').append(f(b.sy(p.y()))).append(' ');
            }
            sb.append("\"/>");
            sb.append("<text x=\"").append(W - PAD - 4).append("\" y=\"").append(PAD + 14 * i).append("\" text-anchor=\"end\" fill=\"")
                    .append(color).append("\">").append(esc(s.label())).append("</text>");
        }
        return sb.append("</svg>").toString();
    }

    /** All points as dots; {@code front} points ringed and joined. */
    static String scatter(String title, String xLabel, String yLabel, List<Point> all, List<Point> front) {
        StringBuilder sb = new StringBuilder();
        Box b = bounds(List.of(new Series("", all)));
        frame(sb, title, xLabel, yLabel, b);
        for (Point p : all) {
            sb.append("<circle cx=\"").append(f(b.sx(p.x()))).append("\" cy=\"").append(f(b.sy(p.y())))
                    .append("\" r=\"3\" fill=\"#1f77b4\" fill-opacity=\"0.6\"/>");
        }
        sb.append("<polyline class=\"pareto\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\" points=\"");
        for (Point p : front) {
            sb.append(f(b.sx(p.x()))).append(',').append(f(b.sy(p.y()))).append(' ');
        }
        sb.append("\"/>");
        for (Point p : front) {
            sb.append("<circle class=\"pareto\" cx=\"").append(f(b.sx(p.x()))).append("\" cy=\"").append(f(b.sy(p.y())))
                    .append("\" r=\"5\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"2\"/>");
        }
        sb.append("<text x=\"").append(W - PAD - 4).append("\" y=\"").append(PAD).append("\" text-anchor=\"end\" fill=\"#d62728\">Pareto front</text>");
        return sb.append("</svg>").toString();
    }
}
