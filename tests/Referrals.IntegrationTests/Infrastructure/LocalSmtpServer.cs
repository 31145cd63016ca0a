using System.Diagnostics;
using System.Net.Sockets;

namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on 127.0.0.1 for the tests: Debian's python3-aiosmtpd, writing every message
/// it receives into a maildir the test reads. .ci/run installs it.
/// </summary>
public sealed class LocalSmtpServer : IDisposable
{
    public const string Python = "/usr/bin/python3";
    private static readonly Lazy<bool> Installed = new(() =>
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(Python, "-c \"import aiosmtpd\"") { RedirectStandardError = true, UseShellExecute = false })!;
            probe.WaitForExit(10_000);
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception) { return false; }
    });

    public static bool Available => Installed.Value;

    private readonly Process _process;
    private readonly string _maildir;

    public int Port { get; }

    private LocalSmtpServer(Process process, string maildir, int port) => (_process, _maildir, Port) = (process, maildir, port);

    public static async Task<LocalSmtpServer> StartAsync()
    {
        var port = Loopback.FreePort();
        var maildir = Path.Combine(Path.GetTempPath(), "referrals-tests", $"mail-{Guid.NewGuid():N}");
        // Python's Maildir makes its tmp, new and cur folders only when it makes the maildir itself.
        Directory.CreateDirectory(Path.GetDirectoryName(maildir)!);
        var process = Process.Start(new ProcessStartInfo(Python, $"-m aiosmtpd -n -l 127.0.0.1:{port} -c aiosmtpd.handlers.Mailbox {maildir}")
        {
            UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true,
        })!;
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new LocalSmtpServer(process, maildir, port);
        for (var waited = 0; waited < 100; waited++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) { await Task.Delay(100); }
        }
        server.Dispose();
        throw new InvalidOperationException("The local SMTP server did not start.");
    }

    /// <summary>Every message received so far, as the raw text the server stored.</summary>
    public IReadOnlyList<string> Messages =>
        Directory.Exists(Path.Combine(_maildir, "new"))
            ? Directory.GetFiles(Path.Combine(_maildir, "new")).Select(File.ReadAllText).ToList()
            : [];

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        if (Directory.Exists(_maildir)) Directory.Delete(_maildir, recursive: true);
    }
}

/// <summary>A theory that needs the local SMTP server; reported as skipped, with the reason, where it is not installed.</summary>
public sealed class NeedsLocalSmtpAttribute : TheoryAttribute
{
    public NeedsLocalSmtpAttribute()
    {
        if (!LocalSmtpServer.Available)
            Skip = $"No local SMTP server: install Debian's python3-aiosmtpd (for {LocalSmtpServer.Python}); .ci/run does.";
    }
}
