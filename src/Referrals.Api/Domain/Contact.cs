namespace Referrals.Api.Domain;

/// <summary>One child on a referral: the front door counts one contact per child.</summary>
public sealed class Contact
{
    private Contact() { }

    public Guid Id { get; private set; }
    public Guid ReferralId { get; private set; }
    public int Position { get; private set; }
    public string FirstName { get; private set; } = "";
    public string LastName { get; private set; } = "";
    /// <summary>Lower-case name used to match earlier contacts and to search.</summary>
    public string NormalisedName { get; private set; } = "";
    public DateOnly? DateOfBirth { get; private set; }
    public int? EstimatedAgeYears { get; private set; }
    public DateOnly? ExpectedDueDate { get; private set; }
    public string? NhsNumber { get; private set; }
    public Answer SafeNow { get; private set; }
    /// <summary>The team and worker the child was allocated to after being accepted as a referral; null until then.</summary>
    public string? AllocatedTeam { get; private set; }
    public string? AllocatedWorker { get; private set; }
    public DateTimeOffset? AllocatedAt { get; private set; }

    internal void AllocateTo(string team, string worker, DateTimeOffset at) => (AllocatedTeam, AllocatedWorker, AllocatedAt) = (team, worker, at);

    /// <summary>A child's name as shown in lists: the names that are known, or that none is.</summary>
    public static string NameOf(string firstName, string lastName) =>
        firstName.Length + lastName.Length == 0 ? "Name not known" : $"{firstName} {lastName}".Trim();

    /// <summary>Names not known are kept empty (and searched by the names that are known).</summary>
    internal static Contact For(Guid referralId, int position, ChildDetails child) => new()
    {
        Id = Guid.CreateVersion7(),
        ReferralId = referralId,
        Position = position,
        FirstName = ChildIdentifiers.IsKnown(child.FirstName) ? child.FirstName!.Trim() : "",
        LastName = ChildIdentifiers.IsKnown(child.LastName) ? child.LastName!.Trim() : "",
        NormalisedName = ChildIdentifiers.NormaliseName(ChildIdentifiers.IsKnown(child.FirstName) ? child.FirstName! : "",
            ChildIdentifiers.IsKnown(child.LastName) ? child.LastName! : ""),
        DateOfBirth = child.DateOfBirth,
        EstimatedAgeYears = child.EstimatedAgeYears,
        ExpectedDueDate = child.ExpectedDueDate,
        NhsNumber = ChildIdentifiers.IsKnown(child.NhsNumber) ? ChildIdentifiers.NormaliseNhsNumber(child.NhsNumber!) : null,
        SafeNow = child.SafeNow ?? Answer.NotKnown,
    };
}

/// <summary>A concern category ticked on a referral, kept as rows so figures can count them.</summary>
public sealed class ReferralConcern(Guid referralId, string categoryCode)
{
    public Guid ReferralId { get; private set; } = referralId;
    public string CategoryCode { get; private set; } = categoryCode;
}
