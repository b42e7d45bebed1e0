namespace Oversight.Testing;

/// <summary>A fenced code block of a Markdown file: its language tag, the line of its opening fence, and its text.</summary>
public sealed record CodeBlock(string File, int Line, string Language, string Code);

/// <summary>
/// The code blocks of the README and <c>docs/</c>. The convention (README, "Using the services"): a <c>bash</c> block
/// is an example run against a started system, <c>sh</c> a command of the machine (install, start, test, benchmark),
/// anything else (text, json, csharp) is shown, not run. Every block carries a tag, so none escapes the choice.
/// </summary>
public static class DocumentationExamples
{
    public const string RunnableLanguage = "bash";

    /// <summary>The README first, then docs/*.md by name: the order a reader meets them.</summary>
    public static IReadOnlyList<string> Files() =>
    [
        "README.md",
        .. Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "docs"), "*.md")
            .Select(path => Path.GetRelativePath(SharedData.RepositoryRoot, path))
            .Order(StringComparer.Ordinal),
    ];

    public static IReadOnlyList<CodeBlock> Blocks(string file) =>
        Parse(file, File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, file)));

    /// <summary>The blocks of one file's lines; an unclosed fence is an error, as it would swallow the rest of the page.</summary>
    public static IReadOnlyList<CodeBlock> Parse(string file, IReadOnlyList<string> lines)
    {
        var blocks = new List<CodeBlock>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal)) continue;
            var opening = i;
            var language = lines[i][3..].Trim();
            var body = new List<string>();
            for (i++; i < lines.Count && !lines[i].StartsWith("```", StringComparison.Ordinal); i++) body.Add(lines[i]);
            if (i == lines.Count) throw new FormatException($"{file}:{opening + 1}: the code block is never closed");
            blocks.Add(new CodeBlock(file, opening + 1, language, string.Join('\n', body)));
        }
        return blocks;
    }
}
