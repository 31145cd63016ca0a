using Referrals.Api.Common;

namespace Referrals.UnitTests;

public sealed class FieldPathTests
{
    [Theory]
    [InlineData("Children[1].NhsNumber", "children[1].nhsNumber")]
    [InlineData("Household[0].Relationships[2].ChildIndex", "household[0].relationships[2].childIndex")]
    [InlineData("consent.parentsConsented", "consent.parentsConsented")]
    [InlineData("Idempotency-Key", "idempotency-Key")]
    [InlineData("", "$")]
    public void Property_paths_become_the_json_paths_a_client_sent(string property, string json) =>
        Assert.Equal(json, ProblemExceptionHandler.FieldPath(property));
}
