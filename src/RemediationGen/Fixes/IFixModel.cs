namespace RemediationGen.Fixes;

/// <summary>
/// A fix's template model: plain data (strings, numbers, booleans, lists and records of them) that its templates see
/// as <c>Fix</c>. One sealed record per problem, named after it (e.g. <c>IssuingCertificateListModel</c>).
/// </summary>
#pragma warning disable CA1040 // A marker: it types every plan's model, so no plain object reaches a template.
internal interface IFixModel;
#pragma warning restore CA1040
