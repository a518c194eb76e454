using System.ComponentModel;
using System.Data.Common;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;

namespace RemediationGen.Facts;

/// <summary>
/// Turns what Microsoft.Data.SqlClient throws into one plain-words reason. Checked by experiment with 7.1 on Linux
/// (managed network layer): a refused port is SqlException number 0 around a SocketException without an error code, an
/// unknown host is number 11001 around SocketError.HostNotFound, a silent server is number -2, and a malformed TDS reply
/// is an InvalidOperationException ("Internal connection fatal error") or an IndexOutOfRangeException from SqlClient's
/// own parsing. Windows' native network layer reports the Winsock error as the number, with no inner exception.
/// </summary>
internal static partial class SqlFailureReason
{
    private const int MaxDriverMessageLength = 400;

    // Win32 WAIT_TIMEOUT: what SqlClient puts inside a connect timeout.
    private const int WaitTimeout = 258;

    // Winsock error numbers, which SqlClient also uses as SqlException.Number for network failures.
    private const int WinsockTimedOut = 10060;
    private const int WinsockConnectionRefused = 10061;
    private const int WinsockHostNotFound = 11001;
    private const int WinsockTryAgain = 11002;
    private const int WinsockNoData = 11004;

    private const string RefusedOrNotAnswered =
        "the connection was refused or not answered (no SQL Server listens on that host and port, or a firewall blocks it)";

    private const string HostNotFound = "the host name was not found (DNS has no address for it)";

    private const string NotSqlServerReply =
        "the server accepted the TCP connection but its reply is not valid SQL Server protocol (is this SQL Server, on the right port?)";

    public static string DescribeConnectFailure(string target, Exception exception, int connectTimeoutSeconds) =>
        $"Cannot connect to the site database ({target}): {Reason(exception, connectTimeoutSeconds)}{DriverMessage(exception)}";

    public static string DescribeQueryFailure(string origin, string what, DbException exception, int commandTimeoutSeconds)
    {
        var missing = MissingObject(exception.Message);
        return missing is not null
            ? $"{origin} is not a ConfigMgr site database: table or view '{PrintableText.Escape(missing)}' is missing (while reading {what}). "
              + "Check the database name in the connection string (a site database is usually CM_<site code>)."
            : $"Reading {what} from {origin} failed: {Reason(exception, commandTimeoutSeconds)}{DriverMessage(exception)}";
    }

    internal static string Reason(Exception exception, int timeoutSeconds)
    {
        if (Find<SocketException>(exception) is { } socket && SocketReason(socket.SocketErrorCode, timeoutSeconds) is { } socketReason)
        {
            return socketReason;
        }

        if (Find<AuthenticationException>(exception) is not null
            || exception.Message.Contains("certificate", StringComparison.OrdinalIgnoreCase))
        {
            return "the TLS handshake failed (this machine does not trust the server's certificate, or the TLS versions do not match); "
                + "install the certificate of the CA that issued the SQL Server certificate, or add TrustServerCertificate=True "
                + "to the connection string only if you trust the network between here and the server";
        }

        if (exception is SqlException sql && SqlNumberReason(sql.Number, timeoutSeconds) is { } numberReason)
        {
            return numberReason;
        }

        if (Find<Win32Exception>(exception) is { NativeErrorCode: WaitTimeout })
        {
            return TimedOut(timeoutSeconds);
        }

        var message = exception.Message;
        return exception switch
        {
            _ when message.Contains("error: 40 -", StringComparison.Ordinal) => RefusedOrNotAnswered,
            _ when message.Contains("error: 25 -", StringComparison.Ordinal) || message.Contains("error: 26 -", StringComparison.Ordinal) =>
                "the server name or instance could not be resolved (a named instance needs the SQL Server Browser service on UDP 1434; give the port instead, for example Server=host,1433)",
            _ when message.Contains("pre-login handshake", StringComparison.Ordinal) =>
                "the server accepted the TCP connection but did not complete the SQL Server pre-login handshake (is this SQL Server, on the right port?)",
            PlatformNotSupportedException =>
                "this platform cannot use that connection protocol (named pipes and shared memory work only on Windows; use Server=tcp:host,port)",
            InvalidOperationException when message.Contains("Internal connection fatal error", StringComparison.Ordinal) => NotSqlServerReply,
            InvalidOperationException => "the connection could not be opened",

            // SqlClient's parser indexing past a reply's end or reading a field out of range (issue 10, item 6).
            IndexOutOfRangeException or ArgumentException or OverflowException or FormatException or InvalidCastException
                or NullReferenceException => NotSqlServerReply,
            IOException => "the connection broke while talking to the server",
            DbException => "the database reported an error",
            _ => "the SQL Server client failed while connecting",
        };
    }

    private static string? SocketReason(SocketError error, int timeoutSeconds) => error switch
    {
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => HostNotFound,
        SocketError.ConnectionRefused => "the connection was refused (no SQL Server listens on that port, or a firewall rejects it)",

        // SqlClient 7 throws a SocketException without an error code when no address of the server accepted the connection.
        SocketError.Success => RefusedOrNotAnswered,
        SocketError.TimedOut => TimedOut(timeoutSeconds),
        SocketError.NetworkUnreachable or SocketError.HostUnreachable => "the network or host is unreachable",
        SocketError.ConnectionReset or SocketError.ConnectionAborted => "the server closed the connection",
        _ => null,
    };

    private static string? SqlNumberReason(int number, int timeoutSeconds) => number switch
    {
        -2 or WaitTimeout or WinsockTimedOut => TimedOut(timeoutSeconds),
        WinsockConnectionRefused => "the connection was refused (no SQL Server listens on that port, or a firewall rejects it)",
        WinsockHostNotFound or WinsockTryAgain or WinsockNoData => HostNotFound,
        18456 => "login failed (wrong user name or password, or the login is disabled or may not connect)",
        18452 => "login failed (the Windows login is from an untrusted domain, or Windows authentication is not set up on this machine)",
        4060 => "the database does not exist or this login cannot open it",
        916 => "this login cannot access the database",
        229 or 230 => "this login lacks SELECT permission on the site database (read access is enough)",
        _ => null,
    };

    private static string TimedOut(int seconds) => $"timed out after {seconds} s";

    private static string DriverMessage(Exception exception)
    {
        var text = exception.Message.ReplaceLineEndings(" ").Trim();

        // SqlClient's network messages open with the same generic sentence; the "(provider: ..., error: NN - ...)" tail is what differs.
        var provider = text.IndexOf("(provider:", StringComparison.Ordinal);
        text = provider > 0 ? text[provider..] : text;
        return text.Length == 0 ? "." : $". {exception.GetType().Name}: {PrintableText.Escape(text, MaxDriverMessageLength)}";
    }

    private static string? MissingObject(string message)
    {
        var match = MissingObjectPattern().Match(message);
        return match.Success ? (match.Groups["sql"].Success ? match.Groups["sql"].Value : match.Groups["sqlite"].Value) : null;
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    // SQL Server error 208: "Invalid object name 'X'."; SQLite: "no such table: X".
    [GeneratedRegex(@"Invalid object name '(?<sql>[^']+)'|no such table: (?<sqlite>[A-Za-z0-9_.]+)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MissingObjectPattern();
}
