using TimeActors.Timing.Statistics;

namespace TimeActors.Timing.Tests.Statistics;

public class StudentTTests
{
    // Published 99.95 % one-sided quantiles of Student's t (any statistics table).
    [Theory]
    [InlineData(1, 636.62)]
    [InlineData(2, 31.599)]
    [InlineData(3, 12.924)]
    [InlineData(4, 8.610)]
    [InlineData(10, 4.587)]
    [InlineData(30, 3.646)]
    [InlineData(120, 3.373)]
    public void Quantile_matches_published_tables(int dof, double expected) =>
        Assert.Equal(expected, StudentT.Quantile9995(dof), expected * 1e-3);

    [Fact]
    public void Quantile_decreases_towards_the_normal_quantile()
    {
        for (var dof = 2; dof <= 200; dof++)
        {
            Assert.True(StudentT.Quantile9995(dof) < StudentT.Quantile9995(dof - 1));
            Assert.True(StudentT.Quantile9995(dof) > 3.2905);
        }
    }
}
