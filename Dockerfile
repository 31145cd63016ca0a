# Multi-stage: build with the SDK, run on the ASP.NET runtime as a non-root user.
# Mirrors the README: `dotnet publish` of the same project; SQLite on a volume by default.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
# Node.js and npm: the build compiles the pages' styles and scripts from govuk-frontend (src/Referrals.Api/frontend).
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props Referrals.sln ./
COPY src/ src/
RUN dotnet publish src/Referrals.Api -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app ./
# DejaVu Sans: the font the PDF copies of submissions are set in (PDFsharp needs a real font file on Linux).
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
RUN mkdir -p /app/data && chown "$APP_UID" /app/data
USER $APP_UID
ENV ASPNETCORE_HTTP_PORTS=8080 \
    ASPNETCORE_ENVIRONMENT=Production \
    Database__Provider=Sqlite \
    Database__ConnectionString="Data Source=/app/data/referrals.db"
VOLUME /app/data
EXPOSE 8080
# Production needs the identity provider: -e Auth__Authority=https://login.example.gov.uk -e Auth__Audience=referrals-api,
# and for the pages its client: -e Pages__ClientId=referrals-pages -e Pages__ClientSecret=...
ENTRYPOINT ["dotnet", "Referrals.Api.dll"]
