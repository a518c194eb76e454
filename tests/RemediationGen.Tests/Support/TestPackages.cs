using System.Security.Cryptography;
using System.Text;
using RemediationGen.Packaging;

namespace RemediationGen.Tests.Support;

/// <summary>Small packages with a manifest that lists their files, as SitePackageBuilder writes it.</summary>
internal static class TestPackages
{
    public static RenderedPackage Owned(string site, string marker, string scriptPath = "intune/x/detect.ps1")
    {
        var script = new RenderedFile(scriptPath, Encoding.ASCII.GetBytes("exit 0\r\n" + marker));
        var manifest = $$"""{"tool":"RemediationGen","siteCode":"{{site}}","files":[{"path":"{{scriptPath}}","sha256":"{{Convert.ToHexStringLower(SHA256.HashData(script.Content))}}","bytes":{{script.Content.Length}}}]}""";
        return new RenderedPackage(site, [script, new RenderedFile("manifest.json", Encoding.ASCII.GetBytes(manifest))]);
    }
}
