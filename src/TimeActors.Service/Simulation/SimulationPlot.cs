using System.Globalization;
using System.Text;

namespace TimeActors.Service.Simulation;

/// <summary>
/// The SVG of a run: true offset (top) and frequency error (bottom) against simulated time, with
/// labelled axes in readable units, the statistics window shaded and its start marked, and the run's
/// figures in the title. The y ranges fit the statistics window, so the steady state is what one sees;
/// the start-up transient is clipped to the panel's edge.
/// </summary>
public static class SimulationPlot
{
    private const double Width = 960;
    private const double PanelHeight = 250;
    private const double Left = 90;
    private const double Right = 30;
    private const double Top = 80;
    private const double Gap = 70;
    private const int MaxPoints = 2000;

    public static string Render(SimulationResult run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var svg = new StringBuilder();
        double height = Top + (2 * PanelHeight) + Gap + 60;
        svg.Append(Inv($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{height}\" viewBox=\"0 0 {Width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(Inv($"<text x=\"{Left}\" y=\"24\" font-size=\"16\" font-weight=\"bold\">timeactors simulate: {Escape(run.Scenario)}, seed {run.Seed}</text>\n"));
        svg.Append(Inv($"<text x=\"{Left}\" y=\"44\">sync {run.SyncTimeSeconds:0} s · max offset {SimulationReport.Scaled(run.MaxOffsetSeconds)} · RMS offset {SimulationReport.Scaled(run.RmsOffsetSeconds)} · max freq {run.MaxFrequencyPpm:0.###} ppm · RMS freq {run.RmsFrequencyPpm:0.###} ppm (after {run.StatsFromSeconds:0} s)</text>\n"));

        var rows = run.Trace;
        double tMax = rows.Count == 0 ? 1 : rows[^1].TimeSeconds;
        Panel(svg, rows, r => r.OffsetSeconds, "offset (clock − true time)", Top, tMax, run.StatsFromSeconds, seconds: true);
        Panel(svg, rows, r => r.FrequencyErrorPpm * 1e-6, "frequency error", Top + PanelHeight + Gap, tMax, run.StatsFromSeconds, seconds: false);
        svg.Append(Inv($"<text x=\"{Left + ((Width - Left - Right) / 2)}\" y=\"{height - 14}\" text-anchor=\"middle\">simulated time (s)</text>\n"));
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static void Panel(StringBuilder svg, IReadOnlyList<SimulationTraceRow> rows, Func<SimulationTraceRow, double> value, string title, double top, double tMax, double statsFrom, bool seconds)
    {
        double plotWidth = Width - Left - Right;
        var window = rows.Where(r => r.TimeSeconds > statsFrom).Select(value).ToList();
        if (window.Count == 0)
        {
            window = [.. rows.Select(value)];
        }

        double extent = window.Count == 0 ? 1 : window.Max(Math.Abs);
        if (!(extent > 0))
        {
            extent = seconds ? 1e-9 : 1e-12;
        }

        var (unit, scale) = Unit(extent, seconds);
        double step = NiceStep(extent * scale * 1.1 / 2);
        double limit = step * Math.Ceiling(extent * scale * 1.1 / step);
        double X(double t) => Left + (plotWidth * t / Math.Max(tMax, 1));
        double Y(double v) => top + (PanelHeight / 2) - (PanelHeight / 2 * Math.Clamp(v * scale / limit, -1, 1));

        svg.Append(Inv($"<text x=\"{Left}\" y=\"{top - 8}\" font-weight=\"bold\">{Escape(title)} ({unit})</text>\n"));
        svg.Append(Inv($"<rect x=\"{X(Math.Min(statsFrom, tMax))}\" y=\"{top}\" width=\"{Math.Max(0, X(tMax) - X(Math.Min(statsFrom, tMax)))}\" height=\"{PanelHeight}\" fill=\"#f2f6fb\"/>\n"));
        for (double tick = -limit; tick <= limit + (step / 2); tick += step)
        {
            double y = Y(tick / scale);
            svg.Append(Inv($"<line x1=\"{Left}\" y1=\"{y:0.##}\" x2=\"{Left + plotWidth}\" y2=\"{y:0.##}\" stroke=\"{(Math.Abs(tick) < step / 2 ? "#888" : "#ddd")}\"/>\n"));
            svg.Append(Inv($"<text x=\"{Left - 6}\" y=\"{y + 4:0.##}\" text-anchor=\"end\">{tick:0.###}</text>\n"));
        }

        double tStep = NiceStep(Math.Max(tMax, 1) / 8);
        for (double t = 0; t <= tMax + (tStep / 2); t += tStep)
        {
            svg.Append(Inv($"<line x1=\"{X(t):0.##}\" y1=\"{top + PanelHeight}\" x2=\"{X(t):0.##}\" y2=\"{top + PanelHeight + 5}\" stroke=\"#444\"/>\n"));
            svg.Append(Inv($"<text x=\"{X(t):0.##}\" y=\"{top + PanelHeight + 18}\" text-anchor=\"middle\">{t:0.###}</text>\n"));
        }

        svg.Append(Inv($"<line x1=\"{X(Math.Min(statsFrom, tMax)):0.##}\" y1=\"{top}\" x2=\"{X(Math.Min(statsFrom, tMax)):0.##}\" y2=\"{top + PanelHeight}\" stroke=\"#c60\" stroke-dasharray=\"4 3\"/>\n"));
        svg.Append(Inv($"<text x=\"{X(Math.Min(statsFrom, tMax)) + 4:0.##}\" y=\"{top + 12}\" fill=\"#c60\">stats from {statsFrom:0.###} s</text>\n"));
        svg.Append(Inv($"<rect x=\"{Left}\" y=\"{top}\" width=\"{plotWidth}\" height=\"{PanelHeight}\" fill=\"none\" stroke=\"#444\"/>\n"));

        // Min and max per bucket, so spikes survive the thinning.
        var points = new StringBuilder();
        int bucket = Math.Max(1, (int)Math.Ceiling(rows.Count / (double)(MaxPoints / 2)));
        for (int i = 0; i < rows.Count; i += bucket)
        {
            var slice = Enumerable.Range(i, Math.Min(bucket, rows.Count - i)).Select(j => rows[j]).ToList();
            var low = slice.MinBy(value);
            var high = slice.MaxBy(value);
            foreach (var r in low.TimeSeconds <= high.TimeSeconds ? new[] { low, high } : [high, low])
            {
                points.Append(Inv($"{X(r.TimeSeconds):0.##},{Y(value(r)):0.##} "));
            }
        }

        svg.Append(Inv($"<polyline fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"1.2\" points=\"{points.ToString().TrimEnd()}\"/>\n"));
    }

    private static (string Unit, double Scale) Unit(double extent, bool seconds)
    {
        if (!seconds)
        {
            return extent < 1e-6 ? ("ppb", 1e9) : ("ppm", 1e6);
        }

        return extent < 1e-6 ? ("ns", 1e9)
            : extent < 1e-3 ? ("µs", 1e6)
            : extent < 1 ? ("ms", 1e3)
            : ("s", 1);
    }

    private static double NiceStep(double rough)
    {
        if (!(rough > 0))
        {
            return 1;
        }

        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double f = rough / magnitude;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * magnitude;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? "";
}
