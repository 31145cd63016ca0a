using Referrals.Api.Domain;

namespace Referrals.UnitTests;

/// <summary>The rubric against the practitioners' ordering of the calibration set (QualityCalibration).</summary>
public sealed class QualityCalibrationTests
{
    public static TheoryData<string, string, string> Pairs()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var pair in QualityCalibration.Pairs) data.Add(pair.Above, pair.Below, pair.Because);
        return data;
    }

    private static QualityRubric.Assessment Score(string name) => QualityRubric.Assess(QualityCalibration.Referrals[name], QualityCalibration.Today);

    [Theory]
    [MemberData(nameof(Pairs))]
    public void A_practitioner_would_put_the_first_above_the_second(string above, string below, string because)
    {
        var (a, b) = (Score(above), Score(below));
        Assert.True(a.Score > b.Score, $"{above} ({a.Score}) should score above {below} ({b.Score}): {because}.");
    }

    [Fact]
    public void The_set_is_large_and_varied_enough_to_calibrate_against()
    {
        Assert.True(QualityCalibration.Referrals.Count >= 30);
        var named = QualityCalibration.Pairs.SelectMany(p => new[] { p.Above, p.Below }).ToHashSet();
        Assert.Empty(QualityCalibration.Referrals.Keys.Except(named));
        Assert.Empty(named.Except(QualityCalibration.Referrals.Keys));
    }

    [Fact]
    public void What_a_practitioner_would_rate_good_bands_good_and_what_they_would_rate_poor_bands_poor()
    {
        Assert.All(QualityCalibration.Good, name => Assert.True(Score(name).Band == QualityRating.Good, $"{name}: {Score(name).Score}"));
        Assert.All(QualityCalibration.Poor, name => Assert.True(Score(name).Band == QualityRating.Poor, $"{name}: {Score(name).Score}"));
    }

    [Theory]
    [InlineData("school-excellent", 100, "28 10 15 10 5 10 5 8 4 3 2")]
    [InlineData("school-vague-padded", 29, "0 0 0 4 0 3 5 8 4 3 2")]
    [InlineData("youth-worker-neighbour", 34, "20 10 0 0 0 0 0 2 0 0 2")]
    public void The_READMEs_worked_examples_score_as_it_says(string name, int score, string points)
    {
        var assessment = Score(name);
        Assert.Equal(score, assessment.Score);
        Assert.Equal(points, string.Join(' ', assessment.Findings.Select(f => f.Points)));
    }

    [Fact]
    public void Every_quoted_word_is_on_the_form_at_the_path_given()
    {
        foreach (var (name, form) in QualityCalibration.Referrals)
            foreach (var evidence in Score(name).Findings.SelectMany(f => f.Found ?? []).Where(e => e.Path.StartsWith("concern.")))
                Assert.Contains(evidence.Words, Text(form.Concern!, evidence.Path), StringComparison.Ordinal);
    }

    private static string Text(ConcernDetails concern, string path)
    {
        var property = typeof(ConcernDetails).GetProperties()
            .Single(p => string.Equals(p.Name, path["concern.".Length..], StringComparison.OrdinalIgnoreCase));
        return (string)property.GetValue(concern)!;
    }
}
