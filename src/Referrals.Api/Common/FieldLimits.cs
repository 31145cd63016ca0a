namespace Referrals.Api.Common;

/// <summary>Length limits declared once: the validators and the database model both read them.</summary>
public static class FieldLimits
{
    public const int Name = 100;
    public const int ShortText = 200;
    public const int Phone = 30;
    public const int Email = 254;
    public const int Postcode = 8;
    public const int Code = 50;
    public const int Reason = 1000;
    /// <summary>A narrative answer on the form: what happened, the child's voice, and so on.</summary>
    public const int Narrative = 8000;
    public const int UserId = 200;
    public const int IdempotencyKey = 200;
    public const int Reference = 20;
    public const int Url = 2000;
    public const int MaxChildren = 20;
    public const int MaxAdults = 30;
    public const int MaxCategories = 40;
}
