using Microsoft.Extensions.Options;
using Referrals.Api.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using Referrals.Api.Common;

namespace Referrals.Api.Features.ReferenceData;

/// <summary>A partner agency. Agencies are configuration (agencies.json): a council adds, renames or
/// deactivates them without a release, and the service picks the change up while running.</summary>
[Seam]
public sealed class Agency
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public AgencyType Type { get; set; }
    /// <summary>
    /// The council area the agency serves ("Derby City", "Derbyshire": separate councils with separate front doors, and
    /// the figures can be broken down by it).
    /// </summary>
    public string Area { get; set; } = "";
    public string Locality { get; set; } = "";
    public bool Active { get; set; } = true;
}

public sealed class AgencyOptions
{
    public List<Agency> Agencies { get; set; } = [];
}

[Seam]
public sealed class AgencyDirectory(IOptionsMonitor<AgencyOptions> options)
{
    public IReadOnlyList<Agency> All => options.CurrentValue.Agencies;

    public Agency? Find(string? code) =>
        code is null ? null : All.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.Ordinal));

    public bool IsActive(string? code) => Find(code)?.Active == true;

    /// <summary>Whether a referrer may act for the agency: an active partner, not a member of the public.</summary>
    public bool AcceptsReferrers(string? code) => Find(code) is { Active: true } agency && !AgencyTypes.IsMemberOfThePublic(agency.Type);

    public static IServiceCollection AddAgencies(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AgencyOptions>()
            .Bind(configuration)
            .Validate(o => o.Agencies.Count > 0, "No agencies are configured (agencies.json).")
            .Validate(o => o.Agencies.All(a => !string.IsNullOrWhiteSpace(a.Code) && !string.IsNullOrWhiteSpace(a.Name)), "Every agency needs a code and a name.")
            .Validate(o => o.Agencies.Select(a => a.Code).Distinct(StringComparer.Ordinal).Count() == o.Agencies.Count, "Agency codes must be unique.")
            .ValidateOnStart();
        services.AddSingleton<AgencyDirectory>();
        return services;
    }
}
