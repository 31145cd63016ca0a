namespace Referrals.Api.Data.Saving;

/// <summary>The last reference number issued in a year. Incremented inside the submitting transaction.</summary>
public sealed class ReferenceCounter
{
    public int Year { get; init; }
    public int LastNumber { get; init; }
}

