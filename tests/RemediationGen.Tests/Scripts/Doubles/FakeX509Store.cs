using System.Security.Cryptography.X509Certificates;

namespace RemediationGen.Tests.Scripts.Doubles;

/// <summary>Stands in for <c>X509Store</c>: LocalMachine\My holds <see cref="ScriptWorld.MachineCertificates"/>.</summary>
public sealed class FakeX509Store(string storeName, string storeLocation) : IDisposable
{
    private bool _open;

    public string Name => storeName;

    public string Location => storeLocation;

    public X509Certificate2Collection Certificates =>
        _open ? [.. ScriptWorld.Running.MachineCertificates] : throw new System.Security.Cryptography.CryptographicException("The store is not open.");

    public void Open(OpenFlags flags)
    {
        if (!string.Equals(storeName, "My", StringComparison.OrdinalIgnoreCase) || !string.Equals(storeLocation, "LocalMachine", StringComparison.OrdinalIgnoreCase))
        {
            throw new System.Security.Cryptography.CryptographicException("Only LocalMachine\\My is faked, not " + storeLocation + "\\" + storeName + ".");
        }

        ScriptWorld.Running.Record("X509Store.Open", new Dictionary<string, object?> { ["Store"] = storeLocation + @"\" + storeName, ["Flags"] = flags.ToString() }, whatIf: false);
        _open = true;
    }

    public void Close() => _open = false;

    public void Dispose() => Close();
}
