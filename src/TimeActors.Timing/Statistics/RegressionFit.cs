namespace TimeActors.Timing.Statistics;

/// <summary>
/// Result of a weighted least-squares line y = Intercept + Slope·x over the samples from
/// <see cref="Start"/> on.
/// </summary>
/// <param name="Intercept">Fitted y at x = 0.</param>
/// <param name="Slope">Fitted dy/dx.</param>
/// <param name="Variance">Weighted average variance of the points about the line.</param>
/// <param name="InterceptSd">Standard deviation of the intercept.</param>
/// <param name="SlopeSd">Standard deviation of the slope.</param>
/// <param name="Start">Index of the first regression point kept (older ones failed the runs test).</param>
/// <param name="Runs">Runs of residual signs among the kept points.</param>
/// <param name="DegreesOfFreedom">Kept points minus two.</param>
public readonly record struct RegressionFit(
    double Intercept,
    double Slope,
    double Variance,
    double InterceptSd,
    double SlopeSd,
    int Start,
    int Runs,
    int DegreesOfFreedom);
