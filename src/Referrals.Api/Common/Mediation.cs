using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Referrals.Api.Common;

public static class Mediation
{
    /// <summary>
    /// MediatR 5.1.0 is the only version served here whole, and FluentValidation's DI package is not
    /// served: handlers and validators are registered by scanning this assembly.
    /// </summary>
    public static IServiceCollection AddUseCases(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => provider.GetService!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));

        foreach (var type in typeof(Mediation).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsInterface: false, IsGenericTypeDefinition: false }))
        {
            foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType))
            {
                var definition = contract.GetGenericTypeDefinition();
                var validatesARequest = definition == typeof(IValidator<>) && IsRequest(contract.GetGenericArguments()[0]);
                if (definition == typeof(IRequestHandler<,>) || validatesARequest)
                    services.AddScoped(contract, type);
            }
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
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors);
        }
        if (failures.Count > 0) throw new ValidationException(failures);
        return await next();
    }
}
