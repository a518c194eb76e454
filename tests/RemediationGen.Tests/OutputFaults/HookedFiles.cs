using System.Collections;
using RemediationGen.Packaging;

namespace RemediationGen.Tests.OutputFaults;

/// <summary>
/// A package's file list that runs <paramref name="onStaging"/> when the writer starts staging it: what a user or
/// another run does to OUT after the writer's first look and before its moves, at an exact moment.
/// </summary>
internal sealed class HookedFiles(IReadOnlyList<RenderedFile> files, Action onStaging) : IReadOnlyList<RenderedFile>
{
    private int _ran;

    public int Count => files.Count;

    public RenderedFile this[int index] => files[index];

    public static RenderedPackage Around(RenderedPackage package, Action onStaging) => package with { Files = new HookedFiles(package.Files, onStaging) };

    public IEnumerator<RenderedFile> GetEnumerator()
    {
        if (Interlocked.Exchange(ref _ran, 1) == 0)
        {
            onStaging();
        }

        return files.GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
