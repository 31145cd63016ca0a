using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Referrals.IntegrationTests.Platform;

/// <summary>
/// What the contract marks required in a request body, the service needs: every operation's valid request with each
/// required field left out in turn is refused (422, naming that field) and changes nothing; then sent whole, it is taken.
/// </summary>
public sealed class RequiredFieldsTests
{
    [Theory, OnSqlite, OnPostgres]
    public async Task Each_required_field_left_out_is_refused_naming_it(Engine engine)
    {
        using var app = new ReferralsApp(engine);
        _ = app.Server;
        app.Clock.AdjustTime(TestClock.TuesdayMorning.AddHours(3));
        await using var database = await DatabaseFingerprint.OpenAsync(app);
        var wrong = new List<string>();
        var checkedFields = 0;
        foreach (var step in new ContractStory(app).Steps)
        {
            var request = await step.Build();
            var schema = Contract.Committed.BodySchema(step.Operation);
            var required = schema?["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [];
            foreach (var field in required)
            {
                var body = JsonNode.Parse(request.Body!)!.AsObject();
                body.Remove(field);
                var fingerprint = await database.TakeAsync();
                var response = await Callers.Client(app, request.Caller).SendAsync((request with { Body = Encoding.UTF8.GetBytes(body.ToJsonString()) }).ToMessage());
                var text = await response.Content.ReadAsStringAsync();
                checkedFields++;
                if ((int)response.StatusCode != 422 || !JsonDocument.Parse(text).RootElement.ErrorFields().Contains(field))
                    wrong.Add($"{step.Operation} without '{field}': {(int)response.StatusCode} {text}");
                else if (await database.TakeAsync() != fingerprint)
                    wrong.Add($"{step.Operation} without '{field}': refused, but something was stored");
            }
            var whole = await step.SendAsync(Callers.Client(app, request.Caller), request);
            if (!whole.IsSuccessStatusCode) wrong.Add($"{step.Operation} whole: {(int)whole.StatusCode} {await whole.Content.ReadAsStringAsync()}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        // Submission's children and concern, a decision's five, and every triage body's: the walk reached them.
        Assert.True(checkedFields >= 20, $"Only {checkedFields} required fields were checked.");
    }
}
