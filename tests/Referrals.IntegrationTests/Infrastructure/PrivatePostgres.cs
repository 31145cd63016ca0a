namespace Referrals.IntegrationTests.Infrastructure;

/// <summary>
/// Where REFERRALS_TEST_POSTGRES is not set but PostgreSQL's server binaries are installed (Debian's postgresql), the
/// suite starts its own server for its run: a new cluster in a temporary folder, on a free loopback port, stopped and
/// removed when the test process ends. So the README's one test command runs both engines wherever it can.
/// </summary>
public static class PrivatePostgres
{
    private static readonly Lazy<(string? ConnectionString, string Reason)> Server = new(Start);

    public static string? ConnectionString => Server.Value.ConnectionString;

    /// <summary>Why there is none, when there is none.</summary>
    public static string Reason => Server.Value.Reason;

    private static (string?, string) Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderBy(b => b.Length).ThenBy(b => b).LastOrDefault()
            : null;
        if (bin is null) return (null, "no PostgreSQL server binaries in /usr/lib/postgresql (Debian: apt-get install postgresql)");
        RemoveStopped();
        var folder = Directory.CreateTempSubdirectory(Prefix).FullName;
        // initdb refuses to run as root: as root, the cluster belongs to the postgres user the package made.
        var asRoot = Environment.UserName == "root";
        if (asRoot && Run("chown", ["postgres", folder]) is { } chown) return (null, $"could not hand {folder} to postgres: {chown}");
        var port = Loopback.FreePort();
        var data = Path.Combine(folder, "data");
        var failed = Run(bin + "/initdb", ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync"], asRoot)
            ?? Run(bin + "/pg_ctl", ["-D", data, "-l", Path.Combine(folder, "log"), "-w", "start", "-o",
                $"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={folder} -c max_connections=300 -c fsync=off"], asRoot);
        if (failed is not null) return (null, $"could not start a private PostgreSQL server: {failed}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Run(bin + "/pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"], asRoot);
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        };
        return ($"Host=127.0.0.1;Port={port};Username=postgres", "");
    }

    private const string Prefix = "referrals-tests-pg.";

    /// <summary>Earlier runs' clusters whose server has stopped: a test host that is killed cannot remove its own.</summary>
    private static void RemoveStopped()
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), Prefix + "*"))
            if (!File.Exists(Path.Combine(stale, "data", "postmaster.pid")))
                try { Directory.Delete(stale, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    /// <summary>Runs a command (as the postgres user when asked), and says what went wrong, if anything.</summary>
    private static string? Run(string file, string[] args, bool asPostgres = false)
    {
        try
        {
            var (exit, output) = (asPostgres
                ? Commands.RunAsync("runuser", ["-u", "postgres", "--", file, .. args], TimeSpan.FromMinutes(1))
                : Commands.RunAsync(file, args, TimeSpan.FromMinutes(1))).GetAwaiter().GetResult();
            return exit == 0 ? null : $"{Path.GetFileName(file)} exit {exit}: {output}".Trim();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{file}: {e.Message}";
        }
    }
}
