using System.Net;

namespace Referrals.Api.Common;

/// <summary>Networks named in configuration: CIDR (10.20.0.0/24), or one address standing for itself.</summary>
public static class ConfiguredNetworks
{
    /// <summary>Each one parsed; one that is neither stops the service starting, naming the setting.</summary>
    public static IReadOnlyList<IPNetwork> Parse(IEnumerable<string> texts, string setting) => texts.Select(text =>
        IPNetwork.TryParse(text.Contains('/') ? text : $"{text}/{(text.Contains(':') ? 128 : 32)}", out var network)
            ? network : throw new InvalidOperationException($"{setting}: '{text}' is not an address or network.")).ToList();
}
