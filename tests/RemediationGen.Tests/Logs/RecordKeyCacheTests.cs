using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>The scan's cache of thinning keys (<see cref="RecordKeyCache"/>): what it answers, and its bounds.</summary>
public sealed class RecordKeyCacheTests
{
    [Fact]
    public void TryGet_AMessageSeenBefore_GivesItsKey_EvenNone()
    {
        // Given a message with a key and one without
        var cache = new RecordKeyCache();
        cache.Add("Begin validation A", "SMSPXE", "A");
        cache.Add("Begin validation B", "SMSPXE", null);

        // When they are looked up again, then their keys come back, and an unknown message is a miss
        Assert.True(cache.TryGet("Begin validation A", "SMSPXE", out var key));
        Assert.Equal("A", key);
        Assert.True(cache.TryGet("Begin validation B", "SMSPXE", out key));
        Assert.Null(key);
        Assert.False(cache.TryGet("Begin validation C", "SMSPXE", out _));
    }

    [Fact]
    public void TryGet_AMessageSeenWithAnotherComponent_IsAMiss()
    {
        // Given a message cached under one component (a key may depend on it: another rule's signature there)
        var cache = new RecordKeyCache();
        cache.Add("Begin validation A", "SMSPXE", "A");

        // When it comes with another component, then its key is worked out again
        Assert.False(cache.TryGet("Begin validation A", "SMSPXE 80092002", out _));
    }

    [Fact]
    public void Add_PastMaxEntries_StartsOver()
    {
        // Given a cache filled to its bound
        var cache = new RecordKeyCache();
        for (var i = 0; i < RecordKeyCache.MaxEntries; i++)
        {
            cache.Add($"message {i}", "C", "k");
        }

        // When one more comes, then the cache starts over with it
        cache.Add("one more", "C", "k");
        Assert.True(cache.TryGet("one more", "C", out _));
        Assert.False(cache.TryGet("message 0", "C", out _));
    }

    [Fact]
    public void Add_AMessageLongerThanTheBound_IsNotKept()
    {
        // Given a message longer than the cache may hold
        var cache = new RecordKeyCache();
        var huge = new string('x', RecordKeyCache.MaxChars + 1);

        // When it is added, then it is not kept, and it costs nothing but a miss later
        cache.Add(huge, "C", "k");
        Assert.False(cache.TryGet(huge, "C", out _));
    }
}
