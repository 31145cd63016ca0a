// What every use case reads: the mediator, validation, EF Core and the service's own building blocks.
global using FluentValidation;
global using MediatR;
global using Microsoft.EntityFrameworkCore;
global using Referrals.Api.Auth;
global using Referrals.Api.Common;
global using Referrals.Api.Data;
global using Referrals.Api.Domain;
