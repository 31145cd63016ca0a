using System.Diagnostics;
using System.Text;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// The service started as the README says, `dotnet run --project src/Referrals.Api` (with its launch profile), as a
/// real process on a loopback port with a SQLite file of its own: what an operator's start really does.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _folder;

    private ServiceProcess(Process process, Uri address, string folder)
    {
        _process = process;
        Address = address;
        _folder = folder;
    }

    public Uri Address { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }
    public bool HasExited => _process.HasExited;
    public int ExitCode => _process.ExitCode;

    public static string RepositoryRoot
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, "Referrals.sln"))) return folder.FullName;
            throw new InvalidOperationException("Referrals.sln not found above the test assembly.");
        }
    }

    /// <summary>
    /// Starts the service with these environment variables (null removes one the test host has) and waits until it
    /// answers or stops. The project is already built by the test run, hence --no-build.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(IDictionary<string, string?> environment, params string[] serviceArgs)
    {
        var port = Loopback.FreePort();
        var folder = Directory.CreateTempSubdirectory("referrals-process-").FullName;
        var start = new ProcessStartInfo("dotnet",
            ["run", "--project", "src/Referrals.Api", "--no-build", "--", "--urls", $"http://127.0.0.1:{port}", .. serviceArgs])
        {
            WorkingDirectory = RepositoryRoot, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS" }) start.Environment.Remove(name);
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(folder, "referrals.db")}";
        start.Environment["Feedback__Delivery__Enabled"] = "false";
        foreach (var (name, value) in environment)
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;

        var service = new ServiceProcess(new Process { StartInfo = start }, new Uri($"http://127.0.0.1:{port}"), folder);
        service._process.OutputDataReceived += (_, line) => service.Append(line.Data);
        service._process.ErrorDataReceived += (_, line) => service.Append(line.Data);
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = service.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && !service._process.HasExited)
        {
            try
            {
                if ((await probe.GetAsync("/health/live")).IsSuccessStatusCode) return service;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        if (service._process.HasExited) await service._process.WaitForExitAsync(); // the rest of its output
        return service;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
