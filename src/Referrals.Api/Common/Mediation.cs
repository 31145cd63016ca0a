using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Referrals.Api.Domain;

namespace Referrals.Api.Common;

public static class Mediation
{
    /// <summary>
    /// Handlers by scanning this assembly, as MediatR 5.1.0 (the only version served here whole) has no registration
    /// package; each request's validators by FluentValidation's own. Validators of a request's parts (the form, a
    /// decision) are not registered: their request's validator makes them, with what it knows of the caller.
    /// </summary>
    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        // Outermost first: the use case's span covers its validation too.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TracingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddValidatorsFromAssembly(typeof(Mediation).Assembly, ServiceLifetime.Scoped,
            filter: scanned => IsRequest(scanned.InterfaceType.GetGenericArguments()[0]));

        foreach (var type in typeof(Mediation).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
                services.AddScoped(contract, type);
        }
        return services;
    }

    /// <summary>Every request type that goes through the mediator, for the test that each has a validator.</summary>
    internal static IEnumerable<Type> RequestTypes(Assembly assembly) => assembly.GetTypes().Where(t => !t.IsAbstract && IsRequest(t));

    private static bool IsRequest(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequest<>));
}

/// <summary>Runs every validator of a request before its handler; failures become one 422 problem.</summary>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    /// <summary>A request carrying the referral form answers "the referral has errors"; any other, "the request has errors".</summary>
    private static readonly ProblemType Kind = typeof(TRequest).GetProperties().Any(p => p.PropertyType == typeof(ReferralForm))
        ? ProblemTypes.InvalidReferral : ProblemTypes.InvalidRequest;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0) throw new InvalidFieldsException(Kind, failures);
        return await next();
    }
}

/// <summary>A request's validation failures, with the kind of problem they make.</summary>
public sealed class InvalidFieldsException(ProblemType type, IEnumerable<FluentValidation.Results.ValidationFailure> failures)
    : ValidationException(failures)
{
    public ProblemType Type { get; } = type;
}
