using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.IdentityModel.JsonWebTokens;
using Referrals.Api.Features.ReferenceData;

namespace Referrals.IntegrationTests.Platform;

public sealed class TokenCommandTests
{
    private static readonly AuthOptions WithKey = new() { DevelopmentSigningKey = new string('d', 40) };
    private static readonly IReadOnlyList<Agency> Agencies =
    [
        new() { Code = "SCH-DERBY-MOOR", Name = "Derby Moor Academy", Type = AgencyType.School },
        new() { Code = "PUBLIC-ANONYMOUS", Name = "Anonymous", Type = AgencyType.Anonymous },
        new() { Code = "PUBLIC-FAMILY", Name = "Member of the public: family member or carer", Type = AgencyType.FamilyMember },
    ];

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Referrals.Api";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static (int Code, string Out, string Error) Run(AuthOptions options, string environment, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = DevelopmentTokens.RunCommand(["token", .. args], options, new Environment(environment), Agencies, output, error);
        return (code, output.ToString().Trim(), error.ToString());
    }

    [Fact]
    public void Prints_a_signed_referrer_token_carrying_its_agency()
    {
        var (code, token, _) = Run(WithKey, "Development", "--role", "referrer", "--agency", "SCH-DERBY-MOOR", "--name", "Jo Bloggs");
        Assert.Equal(0, code);
        var jwt = new JsonWebToken(token);
        Assert.Equal(("referrer", "SCH-DERBY-MOOR", "Jo Bloggs"), (jwt.GetClaim("role").Value, jwt.GetClaim("agency").Value, jwt.GetClaim("name").Value));
        Assert.Equal("HS256", jwt.Alg);
    }

    [Fact]
    public void Refuses_outside_development_even_with_a_key()
    {
        Assert.Equal(1, Run(WithKey, "Production", "--role", "manager").Code);
        Assert.Equal(1, Run(WithKey, "Staging", "--role", "manager").Code);
    }

    [Fact]
    public void Refuses_without_a_development_key() =>
        Assert.Equal(1, Run(new AuthOptions(), "Development", "--role", "manager").Code);

    [Fact]
    public void Refuses_an_unknown_role_or_a_referrer_without_a_known_agency()
    {
        Assert.Equal(2, Run(WithKey, "Development", "--role", "superuser").Code);
        Assert.Equal(2, Run(WithKey, "Development", "--role", "referrer", "--agency", "NOPE").Code);
    }

    [Theory]
    [InlineData("PUBLIC-ANONYMOUS")]
    [InlineData("PUBLIC-FAMILY")]
    public void Will_not_print_a_referrer_token_for_members_of_the_public(string agency)
    {
        var (code, token, error) = Run(WithKey, "Development", "--role", "referrer", "--agency", agency);
        Assert.Equal((2, ""), (code, token));
        Assert.Contains("not an agency", error);
    }

    [Fact]
    public void The_service_will_not_start_outside_development_with_a_development_key()
    {
        using var app = new Infrastructure.ReferralsApp(Infrastructure.Engine.Sqlite, environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Auth:DevelopmentSigningKey", error.ToString());
    }

    [Fact]
    public void The_service_will_not_start_in_production_without_an_authority()
    {
        using var app = new Infrastructure.ReferralsApp(Infrastructure.Engine.Sqlite,
            new Dictionary<string, string?> { ["Auth:DevelopmentSigningKey"] = null }, environment: "Production");
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Auth:Authority", error.ToString());
    }
}
