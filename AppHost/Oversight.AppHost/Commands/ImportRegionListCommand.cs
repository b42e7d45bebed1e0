using System.Text.Json;

namespace Oversight.AppHost.Commands;

/// <summary>
/// "Import region list" on region-directory: the import the README does with <c>import-regions --provinces X
/// --regencies Y</c> or the <c>ImportRegions</c> admin call, from the dashboard. The admin gives the two CSV files as
/// paths on the AppHost's machine (relative ones from the repository's root), prefilled with the official list the
/// repository ships (<c>data/regions/provinces-2025.csv</c> and <c>regencies-2025.csv</c>; the folder
/// <c>OVERSIGHT_REGIONS_DIR</c> overrides), and can ask for a dry run. The AppHost reads the files and sends them to
/// the running directory's <c>POST /v1/regions:import</c> as the bootstrap admin: the same all-or-nothing import,
/// with its checks, cache drops and <c>RegionDirectoryChanged</c> events, as the admin call.
/// </summary>
internal static class ImportRegionListCommand
{
    public const string Name = "import-region-list";
    public const string DisplayName = "Import region list";
    public const string ProvincesArgument = "provinces";
    public const string RegenciesArgument = "regencies";
    public const string DryRunArgument = "dryRun";

    private const string RegionsDirectoryKey = "OVERSIGHT_REGIONS_DIR";
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(2);

    public static IResourceBuilder<ProjectResource> WithImportRegionListCommand(this IResourceBuilder<ProjectResource> directory)
    {
        var appHostDirectory = directory.ApplicationBuilder.AppHostDirectory;
        var repository = RegionListFiles.RepositoryRoot(appHostDirectory);
        var official = RegionListFiles.Locate(appHostDirectory, directory.ApplicationBuilder.Configuration[RegionsDirectoryKey]);
        string Default(string file) => Path.Combine(official, file);

        return directory.WithCommand(Name, DisplayName,
            context => AdminCommands.RunAsync(context, DisplayName, ct => ImportAsync(context, directory.Resource, repository, ct)),
            new CommandOptions
            {
                Description = "Imports the official list of provinces and regencies/cities (CSV) into the region directory: "
                    + "all or nothing, reporting what it added and changed.",
                ConfirmationMessage = "Import the region list into the region directory? Added and renamed regions are written at once "
                    + "(all or nothing) and announced to the other services. Choose \"Dry run\" in the next step to only check the files.",
                IconName = "ArrowImport",
                UpdateState = AdminCommands.WhileRunning,
                Arguments =
                [
                    new InteractionInput
                    {
                        Name = ProvincesArgument,
                        Label = "Provinces CSV",
                        Description = $"A file on the AppHost's machine with the header kode,nama. A relative path starts at {repository}.",
                        InputType = InputType.Text,
                        Required = true,
                        Value = Default(RegionListFiles.Provinces),
                    },
                    new InteractionInput
                    {
                        Name = RegenciesArgument,
                        Label = "Regencies/cities CSV",
                        Description = "The header kode,kode_provinsi,nama,jenis (jenis: kabupaten or kota). Empty: provinces only.",
                        InputType = InputType.Text,
                        Value = Default(RegionListFiles.Regencies),
                    },
                    new InteractionInput
                    {
                        Name = DryRunArgument,
                        Label = "Dry run: check and report, write nothing",
                        InputType = InputType.Boolean,
                        Value = "false",
                    },
                ],
                ValidateArguments = context =>
                {
                    foreach (var name in new[] { ProvincesArgument, RegenciesArgument })
                    {
                        var input = context.Inputs[name];
                        if (string.IsNullOrWhiteSpace(input.Value)) continue;
                        var path = RegionListFiles.Resolve(input.Value, repository);
                        if (!File.Exists(path)) context.AddValidationError(input, $"No such file: {path}");
                    }
                    return Task.CompletedTask;
                },
            });
    }

    private static async Task<ExecuteCommandResult> ImportAsync(ExecuteCommandContext context, IResource directory, string repository,
        CancellationToken cancellationToken)
    {
        var provinces = RegionListFiles.Resolve(context.Arguments.GetString(ProvincesArgument) ?? "", repository);
        var regencies = context.Arguments.GetString(RegenciesArgument) is { Length: > 0 } given ? RegionListFiles.Resolve(given, repository) : null;
        var dryRun = bool.TryParse(context.Arguments.GetString(DryRunArgument), out var asked) && asked;

        var body = new
        {
            provincesCsv = await ReadAsync(provinces, cancellationToken),
            regenciesCsv = regencies is null ? "" : await ReadAsync(regencies, cancellationToken),
            dryRun,
        };
        var token = await AdminToken.GetAsync(context.Services, cancellationToken);
        using var request = AdminHttp.Post($"{AdminHttp.BaseUrl(directory)}/v1/regions:import", body, token);
        var (status, answer) = await AdminHttp.SendAsync(request, Within, cancellationToken);
        if (status != 200) return CommandResults.Failure($"The region directory refused the import: {AdminHttp.Refusal(status, answer)}");

        var files = string.Join(" and ", new[] { provinces, regencies }.OfType<string>().Select(Path.GetFileName));
        var changes = answer.TryGetProperty("changes", out var list) && list.ValueKind == JsonValueKind.Array
            ? string.Join('\n', list.EnumerateArray().Select(change => change.GetString()))
            : "";
        var message = Describe(answer, files, dryRun);
        return changes.Length > 0 ? CommandResults.Success(message, changes) : CommandResults.Success(message);
    }

    /// <summary>The import's answer in one sentence: what was (or would be) added and changed.</summary>
    internal static string Describe(JsonElement answer, string files, bool dryRun)
    {
        var (added, changed, unchanged) = (AdminHttp.Number(answer, "added"), AdminHttp.Number(answer, "changed"), AdminHttp.Number(answer, "unchanged"));
        var applied = answer.TryGetProperty("applied", out var value) && value.ValueKind == JsonValueKind.True;
        if (dryRun) return $"Dry run of {files}: {added} to add, {changed} to change, {unchanged} unchanged; nothing written.";
        return applied
            ? $"Imported {files}: {added} added, {changed} changed, {unchanged} unchanged."
            : $"Nothing to import from {files}: the directory already holds all {unchanged} regions as listed.";
    }

    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AdminCommandException($"Could not read {path}: {ex.Message}");
        }
    }
}

/// <summary>Where the region list files are: the official list beside the repository, and the paths an admin types.</summary>
internal static class RegionListFiles
{
    public const string Provinces = "provinces-2025.csv";
    public const string Regencies = "regencies-2025.csv";

    /// <summary>The repository's root: the AppHost project lives in <c>AppHost/Oversight.AppHost</c>.</summary>
    public static string RepositoryRoot(string appHostDirectory) => Path.GetFullPath(Path.Combine(appHostDirectory, "..", ".."));

    /// <summary>The folder holding the official list: the configured one, else the repository's own <c>data/regions</c>.</summary>
    public static string Locate(string appHostDirectory, string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(RepositoryRoot(appHostDirectory), "data", "regions")
            : Path.GetFullPath(configured);

    /// <summary>An absolute path as given; a relative one from the repository's root, as the README writes them.</summary>
    public static string Resolve(string path, string repositoryRoot) => Path.GetFullPath(Path.Combine(repositoryRoot, path.Trim()));
}
