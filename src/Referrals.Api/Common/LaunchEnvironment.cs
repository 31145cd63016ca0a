namespace Referrals.Api.Common;

/// <summary>
/// The environment the operator sets always wins. `dotnet run` applies a launch profile's variables over the
/// shell's, so a profile that set ASPNETCORE_ENVIRONMENT would turn `ASPNETCORE_ENVIRONMENT=Production dotnet run`
/// into a Development start (and development tokens). The profile names only a fallback instead, used when the
/// operator named no environment at all, by variable or by `--environment`.
/// </summary>
public static class LaunchEnvironment
{
    public const string FallbackVariable = "REFERRALS_LAUNCH_PROFILE_ENVIRONMENT";

    public static string? Fallback(string[] args, Func<string, string?> variable)
    {
        var named = !string.IsNullOrWhiteSpace(variable("ASPNETCORE_ENVIRONMENT"))
            || !string.IsNullOrWhiteSpace(variable("DOTNET_ENVIRONMENT"))
            || args.Any(arg => arg.StartsWith("--environment", StringComparison.OrdinalIgnoreCase)
                || arg.StartsWith("/environment", StringComparison.OrdinalIgnoreCase));
        return named ? null : variable(FallbackVariable) is { Length: > 0 } fallback ? fallback : null;
    }
}
