using RemediationGen.Logs;

namespace RemediationGen.Tests.Logs;

/// <summary>The scan's cache of thinning keys (<see cref="RecordKeyCache{TValue}"/>, here of key texts): what it answers, and its bounds.</summary>
public sealed class RecordKeyCacheTests
{
    [Fact]
    public void TryGet_AMessageSeenBefore_GivesItsKey_EvenNone()
    {
        // Given a message with a key and one without
        var cache = new RecordKeyCache<string>();
        Add(cache, "Begin validation A", "SMSPXE", "A");
        Add(cache, "Begin validation B", "SMSPXE", null);

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
        var cache = new RecordKeyCache<string>();
        Add(cache, "Begin validation A", "SMSPXE", "A");

        // When it comes with another component, then its key is worked out again
        Assert.False(cache.TryGet("Begin validation A", "SMSPXE 80092002", out _));
    }

    [Fact]
    public void Add_PastMaxEntries_HoldsAtMostMaxEntries_AndKeepsTheNewest()
    {
        // Given a cache given more distinct messages than its bound
        var cache = new RecordKeyCache<string>();
        for (var i = 0; i <= RecordKeyCache<string>.MaxEntries * 3; i++)
        {
            Add(cache, $"message {i}", "C", "k");

            // Then it never holds more than the bound, and the message just added is found
            Assert.InRange(cache.Count, 1, RecordKeyCache<string>.MaxEntries);
            Assert.True(cache.TryGet($"message {i}", "C", out _));
        }
    }

    [Fact]
    public void Add_AMessageLongerThanTheBound_IsNotKept()
    {
        // Given a message longer than the cache may hold
        var cache = new RecordKeyCache<string>();
        var huge = new string('x', RecordKeyCache<string>.MaxChars + 1);

        // When it is added, then it is not kept, and it costs nothing but a miss later
        Add(cache, huge, "C", "k");
        Assert.False(cache.TryGet(huge, "C", out _));
    }

    [Fact]
    public void Add_ManyMessages_KeepsEveryAnswerRight_WhateverIsReplaced()
    {
        // Given more distinct messages than probes can hold apart, added twice over with their keys
        var cache = new RecordKeyCache<string>();
        var found = 0;
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < RecordKeyCache<string>.MaxEntries - 1; i++)
            {
                var message = $"Begin validation {i}";
                if (!cache.TryGet(message, "SMSPXE", out var key))
                {
                    Add(cache, message, "SMSPXE", $"k{i}");
                    continue;
                }

                // When a message is found, then it is found with its own key, never another's
                Assert.Equal($"k{i}", key);
                found++;
            }
        }

        // And most are found the second time round
        Assert.InRange(found, RecordKeyCache<string>.MaxEntries / 2, RecordKeyCache<string>.MaxEntries);
    }

    [Fact]
    public void Add_PastMaxChars_StartsOver()
    {
        // Given a message of 60% of the character bound
        var cache = new RecordKeyCache<string>();
        var first = new string('a', RecordKeyCache<string>.MaxChars * 3 / 5);
        Add(cache, first, "C", "k1");

        // When a second one comes, then the cache starts over with it
        var second = new string('b', RecordKeyCache<string>.MaxChars * 3 / 5);
        Add(cache, second, "C", "k2");
        Assert.False(cache.TryGet(first, "C", out _));
        Assert.True(cache.TryGet(second, "C", out var key));
        Assert.Equal("k2", key);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Add_AMessageAgain_ReplacesItsEntry()
    {
        // Given a message added twice, with another component the second time
        var cache = new RecordKeyCache<string>();
        Add(cache, "Begin validation A", "SMSPXE", "A");
        Add(cache, "Begin validation A", "PXE", "B");

        // Then it is held once, with what came last
        Assert.Equal(1, cache.Count);
        Assert.True(cache.TryGet("Begin validation A", "PXE", out var key));
        Assert.Equal("B", key);
        Assert.False(cache.TryGet("Begin validation A", "SMSPXE", out _));
    }

    [Fact]
    public void TryGet_MessagesThatDifferOnlyInAFewCharacters_AreAllKept()
    {
        // Given messages that differ only in four characters, wherever those fall in the hash's 16-byte blocks, and
        // messages of every short length
        var cache = new RecordKeyCache<string>();
        var messages = Enumerable.Range(1, 16).Select(i => $"Job {i:D4} done").Concat(Enumerable.Range(1, 16).Select(i => $"Begin validation of {i:D4}"))
            .Concat(Enumerable.Range(0, 18).Select(length => new string('m', length))).ToArray();
        foreach (var message in messages)
        {
            Add(cache, message, "C", "k:" + message);
        }

        // When each is looked up, then each is found with its own key (they do not crowd each other out of the probes)
        foreach (var message in messages)
        {
            Assert.True(cache.TryGet(message, "C", out var key), message);
            Assert.Equal("k:" + message, key);
        }
    }

    // The scan counts a key's text in the cache's bound: these keys are texts.
    private static void Add(RecordKeyCache<string> cache, string message, string component, string? key) =>
        cache.Add(message, component, key, key?.Length ?? 0);
}
