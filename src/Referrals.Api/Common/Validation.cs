using FluentValidation;

namespace Referrals.Api.Common;

public static class ValidationRules
{
    /// <summary>
    /// Runs a body's own validator inside a request's validator, reporting each field by the JSON
    /// path the client sent ("children[1].nhsNumber", or "decision.outcome" under a prefix),
    /// not by the request's C# property path.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, TBody> ReportedAs<T, TBody>(this IRuleBuilder<T, TBody> rule, IValidator<TBody> validator, string prefix) =>
        rule.CustomAsync(async (value, context, ct) =>
        {
            if (value is null) return;
            foreach (var failure in (await validator.ValidateAsync(value, ct)).Errors)
            {
                failure.PropertyName = prefix + failure.PropertyName;
                context.AddFailure(failure);
            }
        });
}
