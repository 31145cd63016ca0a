using System.Text.RegularExpressions;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// A partner's developer's view of the contract: a TypeScript client generated from the committed document
/// (openapi-typescript, openapi-fetch), the partner's and the First Contact Team's flows written against it and
/// compiled with tsc --strict, then run through Prism's validating proxy against the service on Kestrel.
/// tests/client holds the program; its package-lock pins every tool.
/// </summary>
public sealed partial class GeneratedClientTests
{
    private static readonly string Folder = Path.Combine(ContractTests.RepositoryRoot(), "tests", "client");
    private static readonly SemaphoreSlim Built = new(1, 1);
    private static bool _built;

    [NeedsValidatingProxy, OnSqlite, OnPostgres]
    public async Task A_strictly_typed_client_generated_from_the_contract_runs_both_flows_against_the_service(Engine engine)
    {
        await BuildClientAsync();
        using var app = new ReferralsApp(engine);
        var service = app.StartOnLoopback();
        app.Clock.AdjustTime(TestClock.TuesdayMorning.AddHours(3));
        await using var proxy = await ValidatingProxy.StartAsync(ContractTests.CommittedPath, service);

        var (exit, output) = await RunAsync("node", ["dist/src/flows.js"], new Dictionary<string, string>
        {
            ["REFERRALS_URL"] = proxy.Address.ToString().TrimEnd('/'),
            ["REFERRER_TOKEN"] = Callers.Token(app, Callers.OwnAgency)!,
            ["PRACTITIONER_TOKEN"] = Callers.Token(app, Roles.Practitioner)!,
            ["MANAGER_TOKEN"] = Callers.Token(app, Roles.Manager)!,
        });
        Assert.True(exit == 0, $"The client program failed (exit {exit}):\n{output}\n\nPrism said:\n{proxy.Output[^Math.Min(proxy.Output.Length, 3000)..]}");
        Assert.Contains("both flows kept to the contract", output);
    }

    /// <summary>Spectral's OpenAPI rules and the OWASP API security rules, with the rules that do not fit turned off
    /// in tests/client/.spectral.yaml, each with its reason.</summary>
    [NeedsNpx]
    public async Task The_contract_is_clean_under_spectral_and_the_owasp_api_security_rules()
    {
        await BuildClientAsync();
        var (exit, output) = await RunAsync("npx", ["spectral", "lint", ContractTests.CommittedPath, "--ruleset", ".spectral.yaml",
            "--fail-severity", "warn"], []);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void The_client_program_needs_no_non_null_assertion_and_no_cast()
    {
        var source = File.ReadAllText(Path.Combine(Folder, "src", "flows.ts"));
        var code = CommentOrText().Replace(source, "");
        Assert.True(NonNullAssertion().Matches(code) is { Count: 0 }, $"Non-null assertions: {string.Join(", ", NonNullAssertion().Matches(code))}");
        Assert.True(Cast().Matches(code) is { Count: 0 }, $"Casts: {string.Join(", ", Cast().Matches(code))}");
    }

    /// <summary>Installs the pinned tools once, generates the client from the committed contract and compiles it.</summary>
    private static async Task BuildClientAsync()
    {
        await Built.WaitAsync();
        try
        {
            if (_built) return;
            foreach (var (file, args) in new (string, string[])[]
            {
                ("npm", ["ci", "--no-audit", "--no-fund"]),
                ("npx", ["openapi-typescript", ContractTests.CommittedPath, "-o", "generated/referrals.d.ts"]),
                ("npx", ["tsc", "-p", "tsconfig.json"]),
            })
            {
                var (exit, output) = await RunAsync(file, args, []);
                Assert.True(exit == 0, $"{file} {string.Join(' ', args)} failed (exit {exit}):\n{output}");
            }
            _built = true;
        }
        finally
        {
            Built.Release();
        }
    }

    private static Task<(int Exit, string Output)> RunAsync(string file, string[] args, Dictionary<string, string> environment) =>
        Commands.RunAsync(file, args, TimeSpan.FromMinutes(5), Folder, environment);

    /// <summary>Comments and string literals: what they say is not code.</summary>
    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`", RegexOptions.Singleline)]
    private static partial Regex CommentOrText();

    /// <summary>x!.y, x!) and the like: an expression asserted non-null (not !x, not !==).</summary>
    [GeneratedRegex(@"[\w\)\]]!(?!=)")]
    private static partial Regex NonNullAssertion();

    /// <summary>"as Type" and "&lt;Type&gt;value" casts (but "as const" would be caught too, and is not used).</summary>
    [GeneratedRegex(@"\bas\s+[A-Za-z{\[]|^\s*<[A-Z]\w*>", RegexOptions.Multiline)]
    private static partial Regex Cast();
}
