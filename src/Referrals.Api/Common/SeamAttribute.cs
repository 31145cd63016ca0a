namespace Referrals.Api.Common;

/// <summary>
/// A type a feature offers the others: the only kind of type one feature may use from another (ArchitectureTests). Each
/// says why in its own comment; anything else a feature holds is its own business and may change without telling them.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
public sealed class SeamAttribute : Attribute;
