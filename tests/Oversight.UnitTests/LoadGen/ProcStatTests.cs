using Oversight.LoadGen.Probes;

namespace Oversight.UnitTests.LoadGen;

public sealed class ProcStatTests
{
    // proc(5): pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
    private static string Line(int pid, string comm, int ppid, long utime, long stime) =>
        $"{pid} ({comm}) S {ppid} {pid} {pid} 0 -1 4194560 100 0 0 0 {utime} {stime} 0 0 20 0 4 0 12345 1000000 500";

    [Fact]
    public void Parent_and_cpu_ticks_are_read_after_the_command_name_even_when_it_holds_spaces_and_parentheses()
    {
        var stat = ProcStat.Parse(Line(4242, "beam.smp (x) y", 17, 120, 30));
        Assert.Equal(new ProcStat(4242, "beam.smp (x) y", 17, 150, Threads: 4), stat);
    }

    [Fact]
    public void A_truncated_line_is_not_a_process()
    {
        Assert.Null(ProcStat.Parse("12 (dotnet) S 1 12"));
        Assert.Null(ProcStat.Parse("garbage"));
    }

    [Fact]
    public void A_root_counts_its_descendants_but_not_another_sampled_root_below_it()
    {
        // loadgen (10) started postgres (20) whose backends are 21 and 22 (22 forked by 21); 30 is unrelated.
        ProcStat[] processes =
        [
            new(10, "dotnet", 1, 100), new(20, "postgres", 10, 5), new(21, "postgres", 20, 7), new(22, "postgres", 21, 11), new(30, "bash", 1, 999),
        ];
        var ticks = ProcStat.TreeTicks(new Dictionary<string, int> { ["loadgen"] = 10, ["postgresql"] = 20, ["gone"] = 99 }, processes);
        Assert.Equal(100, ticks["loadgen"]);
        Assert.Equal(23, ticks["postgresql"]);
        Assert.Equal(0, ticks["gone"]);
    }

    [Fact]
    public void Cpu_percent_is_ticks_per_second_of_one_core()
    {
        var before = (T0, (IReadOnlyDictionary<string, long>)new Dictionary<string, long> { ["complaints"] = 100 });
        var after = (T0.AddSeconds(2), (IReadOnlyDictionary<string, long>)new Dictionary<string, long> { ["complaints"] = 400 });
        // 300 ticks of 10 ms in 2 s: 1.5 cores.
        Assert.Equal(150, CpuSampler.PercentBetween(before, after)["complaints"], 6);
    }

    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
}
