namespace Referrals.Api.Domain;

/// <summary>Someone acting on a referral, as the token names them.</summary>
public sealed record Actor(string UserId, string Name, string Role);
