// What nearly every HTTP test reads: status codes, roles, the domain's words and the test host.
global using System.Net;
global using Referrals.Api.Auth;
global using Referrals.Api.Domain;
global using Referrals.IntegrationTests.Infrastructure;
