using RemediationGen.Diagnosis;

namespace RemediationGen.Fixes;

/// <summary>Where the package puts a problem's files, for a fix that must tell the admin: Packaging answers.</summary>
internal interface IPackagePaths
{
    /// <summary>The folder of the problem's site-side files, e.g. <c>site/PxePasswordCertificate/</c>.</summary>
    string SiteFolder(ProblemDescriptor problem);
}
