using System.Globalization;

namespace ParallelAgents.Benchmarks;

/// <summary>Small statistics helpers for benchmark tables.</summary>
public static class Stats
{
    public static double Median(IEnumerable<double> values) => Percentile(values, 50);

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = p / 100 * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    public static string F(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string PeakMemoryMb() => F(Environment.WorkingSet / 1048576.0, "0") + " MB working set, peak " +
        F(System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0, "0") + " MB";
}
