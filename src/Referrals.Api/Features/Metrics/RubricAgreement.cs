using Referrals.Api.Domain;

namespace Referrals.Api.Features.Metrics;

/// <summary>
/// How far the rubric's band agrees with the practitioners' ratings of the same referrals, from the table of rated
/// contacts by band and rating (Tally.BandRated): the share that match, and Spearman's rank correlation, so the
/// performance group sees where the rubric and practice part ways.
/// </summary>
public static class RubricAgreement
{
    /// <summary>Worst to best, the order both scales are ranked in.</summary>
    private static readonly QualityRating[] Order = [QualityRating.Poor, QualityRating.Adequate, QualityRating.Good];

    public sealed record Result(int Rated, int Matching, int BandAbove, int BandBelow, double? RankCorrelation);

    public static Result Of(Func<QualityRating, QualityRating, int> count)
    {
        int rated = 0, matching = 0, above = 0, below = 0;
        for (var b = 0; b < Order.Length; b++)
            for (var r = 0; r < Order.Length; r++)
            {
                var n = count(Order[b], Order[r]);
                rated += n;
                if (b == r) matching += n;
                else if (b > r) above += n;
                else below += n;
            }
        return new Result(rated, matching, above, below, SpearmanRho(count));
    }

    /// <summary>
    /// Spearman's rho with ties: every contact in a category takes the category's mid-rank, and rho is the Pearson
    /// correlation of the two sets of ranks. Null when either scale does not vary (every band, or every rating, the same).
    /// </summary>
    public static double? SpearmanRho(Func<QualityRating, QualityRating, int> count)
    {
        var k = Order.Length;
        var cells = new double[k, k];
        var bandTotals = new double[k];
        var ratingTotals = new double[k];
        double n = 0;
        for (var b = 0; b < k; b++)
            for (var r = 0; r < k; r++)
            {
                cells[b, r] = count(Order[b], Order[r]);
                bandTotals[b] += cells[b, r];
                ratingTotals[r] += cells[b, r];
                n += cells[b, r];
            }
        if (n < 2) return null;
        var bandRanks = MidRanks(bandTotals);
        var ratingRanks = MidRanks(ratingTotals);
        var mean = (n + 1) / 2;
        double covariance = 0, bandVariance = 0, ratingVariance = 0;
        for (var b = 0; b < k; b++)
        {
            bandVariance += bandTotals[b] * Math.Pow(bandRanks[b] - mean, 2);
            ratingVariance += ratingTotals[b] * Math.Pow(ratingRanks[b] - mean, 2);
            for (var r = 0; r < k; r++) covariance += cells[b, r] * (bandRanks[b] - mean) * (ratingRanks[r] - mean);
        }
        if (bandVariance == 0 || ratingVariance == 0) return null;
        return Math.Round(covariance / Math.Sqrt(bandVariance * ratingVariance), 2, MidpointRounding.AwayFromZero);
    }

    private static double[] MidRanks(double[] totals)
    {
        var ranks = new double[totals.Length];
        double before = 0;
        for (var i = 0; i < totals.Length; i++)
        {
            ranks[i] = before + (totals[i] + 1) / 2;
            before += totals[i];
        }
        return ranks;
    }
}
