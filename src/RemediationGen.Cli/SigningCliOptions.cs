using System.CommandLine;
using RemediationGen.Signing;

namespace RemediationGen.Cli;

/// <summary>The signing options of <c>generate</c> and <c>sign</c>, and how they become a <see cref="SigningSource"/>.</summary>
internal sealed class SigningCliOptions
{
    private const string EnvPrefix = "env:";

    public Option<string> Certificate { get; } = new("--sign-certificate")
    {
        Description = "Authenticode-sign every script with this PFX file (Code Signing EKU, private key, valid now; RSA).",
        HelpName = "PFX",
    };

    public Option<string> Password { get; } = new("--sign-password")
    {
        Description = "env:NAME: read the PFX password from environment variable NAME (never give a password on the command line).",
        HelpName = "env:NAME",
    };

    public Option<string> Thumbprint { get; } = new("--sign-thumbprint")
    {
        Description = "Windows only: sign with the certificate of this thumbprint in CurrentUser\\My or LocalMachine\\My.",
        HelpName = "THUMBPRINT",
    };

    public Option<string> TimestampUrl { get; } = new("--timestamp-url")
    {
        Description = "RFC 3161 time-stamping server (http or https) that countersigns every signature, so they stay valid after the certificate expires.",
        HelpName = "URL",
    };

    public Option<bool> IncludeRoot { get; } = new("--sign-include-root") { Description = "Also embed the root CA certificate in the signatures (by default the chain stops below the root)." };

    /// <summary>Adds the options; with <paramref name="required"/>, one of --sign-certificate and --sign-thumbprint must be given.</summary>
    public void AddTo(Command command, bool required)
    {
        command.Options.Add(Certificate);
        command.Options.Add(Password);
        command.Options.Add(Thumbprint);
        command.Options.Add(IncludeRoot);
        command.Options.Add(TimestampUrl);
        command.Validators.Add(result =>
        {
            var certificate = result.GetValue(Certificate);
            var thumbprint = result.GetValue(Thumbprint);
            if (certificate is not null && thumbprint is not null)
            {
                result.AddError("Use only one of --sign-certificate and --sign-thumbprint.");
            }
            else if (required && certificate is null && thumbprint is null)
            {
                result.AddError("Say which certificate signs: --sign-certificate FILE.pfx [--sign-password env:NAME], or --sign-thumbprint THUMBPRINT (Windows).");
            }

            if (result.GetValue(Password) is { } password)
            {
                if (!password.StartsWith(EnvPrefix, StringComparison.Ordinal) || password.Length == EnvPrefix.Length)
                {
                    // Never echo the value: it may be the password itself.
                    result.AddError("--sign-password takes env:NAME only (the name of an environment variable that holds the password), so the password stays out of shell history and process lists.");
                }
                else if (certificate is null)
                {
                    result.AddError("--sign-password goes with --sign-certificate.");
                }
            }

            if (result.GetValue(TimestampUrl) is { } timestamp)
            {
                if (ParseUrl(timestamp) is null)
                {
                    result.AddError($"--timestamp-url '{timestamp}' is not an absolute http or https URL.");
                }
                else if (certificate is null && thumbprint is null)
                {
                    result.AddError("--timestamp-url goes with --sign-certificate or --sign-thumbprint.");
                }
            }

            if (thumbprint is not null && !IsThumbprint(thumbprint))
            {
                result.AddError($"--sign-thumbprint '{thumbprint}' is not a SHA-1 thumbprint (40 hex digits).");
            }
        });
    }

    private static Uri? ParseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;

    public static bool IsThumbprint(string value)
    {
        var normalized = Verification.PackageVerifier.NormalizeThumbprint(value);
        return normalized.Length == 40 && normalized.All(char.IsAsciiHexDigit);
    }

    /// <summary>The signing source the options name, or null when none is given.</summary>
    public SigningSource? Source(ParseResult parse)
    {
        var includeRoot = parse.GetValue(IncludeRoot);
        var timestampUrl = parse.GetValue(TimestampUrl) is { } url ? ParseUrl(url) : null;
        if (parse.GetValue(Thumbprint) is { } thumbprint)
        {
            return SigningSource.Store(Verification.PackageVerifier.NormalizeThumbprint(thumbprint), includeRoot, timestampUrl);
        }

        if (parse.GetValue(Certificate) is not { } certificate)
        {
            return null;
        }

        string? password = null;
        if (parse.GetValue(Password) is { } reference)
        {
            var name = reference[EnvPrefix.Length..];
            password = Environment.GetEnvironmentVariable(name)
                ?? throw new RemediationGenException(ErrorKind.InvalidInput, $"--sign-password env:{name}: environment variable {name} is not set.");
        }

        return SigningSource.Pfx(certificate, password, includeRoot, timestampUrl);
    }
}
