using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// Stoplight Prism as a validating proxy built from the committed contract (npm @stoplight/prism-cli, run by npx):
/// every request and response through it is checked against the document, and any violation is reported in the
/// sl-violations header (and, with --errors, turns the answer into a 422 or a problem).
/// </summary>
public sealed class ValidatingProxy : IAsyncDisposable
{
    public const string Package = "@stoplight/prism-cli@5.14.2";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ValidatingProxy(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>What Prism printed: its view of each request, and the reason when it would not start.</summary>
    public string Output { get { lock (_output) return _output.ToString(); } }

    public static string? Npx => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(folder => Path.Combine(folder, "npx")).FirstOrDefault(File.Exists);

    public static async Task<ValidatingProxy> StartAsync(string contract, Uri upstream)
    {
        var port = Loopback.FreePort();
        var start = new ProcessStartInfo(Npx ?? throw new InvalidOperationException("npx not found"),
            ["--yes", Package, "proxy", contract, upstream.ToString().TrimEnd('/'), "--errors", "--host", "127.0.0.1", "--port", port.ToString()])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        var proxy = new ValidatingProxy(new Process { StartInfo = start }, new Uri($"http://127.0.0.1:{port}"));
        proxy._process.OutputDataReceived += (_, line) => proxy.Append(line.Data);
        proxy._process.ErrorDataReceived += (_, line) => proxy.Append(line.Data);
        proxy._process.Start();
        proxy._process.BeginOutputReadLine();
        proxy._process.BeginErrorReadLine();
        // The first run may fetch the package from the registry.
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (proxy._process.HasExited) throw new InvalidOperationException($"Prism stopped (exit {proxy._process.ExitCode}):\n{proxy.Output}");
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return proxy;
            }
            catch (SocketException)
            {
                await Task.Delay(250);
            }
        }
        await proxy.DisposeAsync();
        throw new TimeoutException($"Prism did not start listening within three minutes:\n{proxy.Output}");
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}

/// <summary>A theory that needs npx (Node.js) to run the validating proxy; skipped, with the reason, where there is none.</summary>
public sealed class NeedsValidatingProxyAttribute : TheoryAttribute
{
    public NeedsValidatingProxyAttribute()
    {
        if (ValidatingProxy.Npx is null) Skip = $"npx not found on PATH: install Node.js so the tests can run {ValidatingProxy.Package}.";
    }
}

/// <summary>A fact that needs npx (Node.js) for its tools; skipped, with the reason, where there is none.</summary>
public sealed class NeedsNpxAttribute : FactAttribute
{
    public NeedsNpxAttribute()
    {
        if (ValidatingProxy.Npx is null) Skip = "npx not found on PATH: install Node.js so the tests can run the contract's tools.";
    }
}
