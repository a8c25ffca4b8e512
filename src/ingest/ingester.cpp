#include "ingest/ingester.hpp"

#include "core/dates.hpp"
#include "core/hash.hpp"
#include "core/numbers.hpp"
#include "core/interrupt.hpp"
#include "core/utf8.hpp"
#include "ingest/file_reader.hpp"
#include "ingest/injury_report.hpp"
#include "ingest/json_reader.hpp"
#include "ingest/json_sources.hpp"
#include "ingest/raw_writer.hpp"
#include "ingest/sources.hpp"
#include "ingest/table.hpp"
#include "pipeline/progress.hpp"
#include "props/lines_builder.hpp"

#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <optional>
#include <set>
#include <cctype>
#include <chrono>
#include <fstream>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace courtside::ingest {

namespace fs = std::filesystem;

namespace {

bool looks_tabular(const fs::path& p) {
    std::string name = p.filename().string();
    auto ends = [&](std::string_view s) { return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0; };
    return ends(".csv") || ends(".csv.gz") || ends(".json") || ends(".json.gz") || ends(".gz") || ends(".pdf");
}

// A file of a walked directory whose name says nothing (lines.txt, a name without an extension):
// taken when its first bytes are a data file's (gzip or PDF magic, a JSON document, or the header of
// a CSV source courtside knows), so a source is recognised by its content, never its name. Other
// files (a README, notes) are skipped with the reason.
bool content_looks_like_data(const fs::path& p) {
    // JSON lines are courtside's own fetch manifests (the archive's manifest.jsonl), never a source.
    if (p.extension() == ".jsonl") return false;
    std::ifstream in(p, std::ios::binary);
    std::string head(16384, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f && static_cast<unsigned char>(head[1]) == 0x8b) return true;
    if (head.starts_with("%PDF")) return true;
    std::string_view text = head;
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    const size_t first = text.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return false;
    if (text[first] == '{' || text[first] == '[') return true;
    const size_t eol = text.find('\n');
    if (eol == std::string_view::npos) return false;  // not even one whole line in 16 KB
    try {
        const Table t = parse_csv(text.substr(0, eol + 1));
        return detect_source(t) != SourceKind::Unknown || unsupported_layout(t).has_value();
    } catch (const std::exception&) {
        return false;
    }
}

// An HTML page served where a payload was expected ("Access Denied", "502 Bad Gateway", "Too Many
// Requests"...): its title, or nullopt for other HTML (scraped pages courtside does not ingest).
std::optional<std::string> html_error_page(std::string_view text) {
    std::string head = core::to_lower(text.substr(0, 8192));
    auto open = head.find("<title");
    if (open == std::string::npos || (open = head.find('>', open)) == std::string::npos) return std::nullopt;
    auto close = head.find("</title>", open);
    if (close == std::string::npos) return std::nullopt;
    std::string title = head.substr(open + 1, close - open - 1);
    for (std::string_view marker : {"error", "denied", "not found", "forbidden", "unavailable", "bad gateway",
                                    "gateway time", "too many requests", "bad request", "unauthorized"})
        if (title.find(marker) != std::string::npos) return std::string(core::trim(text.substr(open + 1, close - open - 1)));
    return std::nullopt;
}

// An HTML or XML document with no text outside its tags (`<html></html>`, a page cut off after its
// head): a failed capture, not another site's page.
bool markup_without_text(std::string_view text) {
    bool in_tag = false;
    for (char c : text) {
        if (c == '<') in_tag = true;
        else if (c == '>') in_tag = false;
        else if (!in_tag && !std::isspace(static_cast<unsigned char>(c))) return false;
    }
    return true;
}

// Why a response is skipped when its stats.nba.com endpoint (its "resource") is not one whose
// result sets courtside ingests: hustlestatsboxscore's PlayerStats or teamgamelogs' rows share names and some
// columns with ours but not the layout, and leaderstiles or the shot-location dashboards have
// result sets of other shapes. Skipped, naming the endpoint (they were quarantined as bad input, so
// ingesting the shared api-payloads always exited 3; audit). Our own endpoints' responses that do
// not parse stay quarantined: that is drift.
std::optional<std::string> other_endpoint_skip(const nlohmann::json& doc) {
    static const std::set<std::string> ours = {"boxscore", "boxscoretraditionalv2", "leaguegamelog", "leaguegamefinderparameters",
                                               "scoreboardv2", "playbyplay", "playbyplayv2", "commonallplayers",
                                               "commonplayerinfo", "playergamelog"};
    if (!doc.is_object()) return std::nullopt;
    auto it = doc.find("resource");
    if (it == doc.end() || !it->is_string()) return std::nullopt;
    const std::string resource = it->get<std::string>();
    if (ours.count(core::to_lower(resource))) return std::nullopt;
    return fmt::format("stats.nba.com endpoint '{}': not one courtside ingests", resource);
}

// A JSON document without result sets: one of the JSON sources, or another API's (skipped).
void parse_json_document_source(const nlohmann::json& doc, ParsedFile& f) {
    f.kind = detect_json_source(doc);
    switch (f.kind) {
        case SourceKind::BoxscoreTraditionalV3: f.box = parse_boxscore_traditional_v3(doc, f.dropped); break;
        case SourceKind::CdnBoxscore: {
            auto b = parse_cdn_boxscore(doc, f.dropped);
            f.box = std::move(b.players);
            f.schedule.push_back(std::move(b.game));
            break;
        }
        case SourceKind::PlayByPlayV3:
        case SourceKind::CdnPlayByPlay: f.pbp_v3 = parse_playbyplay_v3(doc, f.kind, f.dropped); break;
        case SourceKind::ScoreboardV3:
            f.schedule = parse_scoreboard_v3(doc, f.dropped);
            if (f.schedule.empty()) f.note = "the scoreboard lists no games that day";
            break;
        case SourceKind::CdnSchedule: f.schedule = parse_cdn_schedule(doc, f.dropped); break;
        case SourceKind::OddsApiEvents:
        case SourceKind::OddsApiOdds: {
            auto o = parse_odds_api(doc, f.kind, f.dropped);
            f.odds_events = std::move(o.events);
            f.odds_lines = std::move(o.game_lines);
            f.props = std::move(o.props);
            break;
        }
        default: {
            f.kind = SourceKind::Unknown;
            // An error body served where a payload was expected: The Odds API's {"message", "error_code"},
            // stats.nba.com's {"Message"}.
            if (doc.is_object() && doc.size() <= 4)
                for (const char* key : {"message", "Message"})
                    if (auto it = doc.find(key); it != doc.end() && it->is_string())
                        throw ParseError(0, fmt::format("an API error response: '{}'", it->get<std::string>()));
            // stats.nba.com's other v3 endpoints: {"meta": {"version", "request", "time"}, "boxScoreAdvanced": ...}
            // (balldontlie's {"meta": {"per_page"...}, "data"} is another API).
            std::string keys;
            if (doc.is_object() && doc.contains("meta") && doc["meta"].is_object() &&
                (doc["meta"].contains("version") || doc["meta"].contains("request")))
                for (const auto& [k, v] : doc.items())
                    if (k != "meta") keys += (keys.empty() ? "" : ", ") + k;
            f.skip_reason = keys.empty() ? "JSON of another API (not stats.nba.com, the NBA CDN or The Odds API): not a supported source"
                                         : fmt::format("stats.nba.com / NBA CDN document without a supported part ({})", keys);
        }
    }
}

// What a walk of the paths found: the files to read, in path order, and what it could not
// follow. A directory that cannot be listed, a broken or looping link named like a data file:
// their files may be missing, so they are quarantined (the run ends with exit 3), never skipped
// in silence.
struct Walk {
    std::vector<fs::path> files;
    std::vector<FileProblem> problems;
    std::vector<std::string> listed_dirs;  // walked without a problem
};

void walk_directory(const fs::path& dir, std::vector<fs::path>& stack, Walk& walk, std::vector<FileProblem>& skipped) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec), end;
    if (ec) {
        walk.problems.push_back({dir.string(), 0, fmt::format("cannot list directory: {}", ec.message())});
        return;
    }
    walk.listed_dirs.push_back(dir.string());
    stack.push_back(fs::canonical(dir, ec));
    for (; it != end; it.increment(ec)) {
        if (ec) {
            walk.problems.push_back({dir.string(), 0, fmt::format("cannot list directory: {}", ec.message())});
            break;
        }
        const fs::path& p = it->path();
        std::error_code sec;
        const bool link = fs::is_symlink(it->symlink_status(sec));
        const fs::file_status st = fs::status(p, sec);  // follows links
        if (sec) {  // a broken link, a link loop (ELOOP), or an entry gone since the listing
            std::string why = link ? fmt::format("symbolic link cannot be followed: {}", sec.message())
                                   : fmt::format("cannot stat: {}", sec.message());
            if (looks_tabular(p)) walk.problems.push_back({p.string(), 0, why});
            else skipped.push_back({p.string(), 0, why});
            continue;
        }
        if (fs::is_directory(st)) {
            // A link back to a directory being walked would recurse forever.
            auto target = fs::canonical(p, sec);
            if (!sec && std::find(stack.begin(), stack.end(), target) != stack.end()) {
                skipped.push_back({p.string(), 0, fmt::format("symbolic link loop to {}: not followed", target.string())});
                continue;
            }
            walk_directory(p, stack, walk, skipped);
        } else if (!fs::is_regular_file(st)) {
            skipped.push_back({p.string(), 0, "not a regular file (FIFO, socket or device)"});
        } else if (looks_tabular(p) || content_looks_like_data(p)) {
            walk.files.push_back(p);
        } else {
            skipped.push_back({p.string(), 0, "not a data file: its content is neither a known CSV header, JSON, gzip nor PDF"});
        }
    }
    stack.pop_back();
}

Walk collect_files(const std::vector<fs::path>& paths, std::vector<FileProblem>& skipped) {
    // A path that names nothing is a mistake in the command, not a file to skip: stop before loading anything.
    std::string missing;
    for (const auto& p : paths) {
        std::error_code ec;
        if (!fs::is_directory(p, ec) && !fs::is_regular_file(p, ec))
            missing += fmt::format("{}{}", missing.empty() ? "" : ", ", p.string());
    }
    if (!missing.empty()) throw std::runtime_error(fmt::format("ingest: no such file or directory: {}", missing));
    Walk walk;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            std::vector<fs::path> stack;
            walk_directory(p, stack, walk, skipped);
        } else {
            walk.files.push_back(p);
        }
    }
    std::sort(walk.files.begin(), walk.files.end());
    walk.files.erase(std::unique(walk.files.begin(), walk.files.end()), walk.files.end());
    return walk;
}

// Parses one file into typed rows. Never throws: failures become `error`.
ParsedFile parse_file(const fs::path& path, const StoredFiles& stored) {
    ParsedFile f;
    f.path = path.string();
    try {
        // The path is recorded as the rows' source: it must be storable text.
        if (!core::is_valid_utf8(f.path)) {
            f.path = core::escape_invalid_utf8(f.path);
            throw ParseError(0, "the file name is not valid UTF-8 and cannot be recorded as the rows' source: rename the file");
        }
        FileBytes bytes = read_source_file(path);
        f.hash = core::content_hash(bytes.stored());
        if (stored.unchanged(f.path, f.hash)) {
            f.unchanged = true;
            return f;
        }
        if (bytes.text.find_first_not_of(" \t\r\n") == std::string::npos)
            throw ParseError(0, bytes.text.empty() ? "empty file" : "empty file (only blank lines and spaces)");
        if (is_pdf(bytes.text)) {
            f.kind = SourceKind::InjuryReport;
            auto pages = pdf_words(bytes.text);
            if (!is_injury_report(pages)) {
                f.kind = SourceKind::Unknown;
                f.skip_reason = "PDF that is not the NBA injury report (a game book?): not a supported source";
                return f;
            }
            f.injuries = injury_report_rows(pages, f.dropped);
            return f;
        }
        std::vector<Table> tables;
        char first = 0;
        for (char c : bytes.text)
            if (!std::isspace(static_cast<unsigned char>(c))) { first = c; break; }
        if (first == '<') {  // HTML or XML pages (scraper captures): no tabular source of ours
            if (auto title = html_error_page(bytes.text)) throw ParseError(0, fmt::format("an HTML error page ('{}'), not a payload", *title));
            if (markup_without_text(bytes.text)) throw ParseError(0, "an HTML/XML document with no text in it (a failed capture?), not a payload");
            // A file named as data (.json, .csv) that holds a page is a failed capture: the
            // endpoint answered with HTML (a block page, a login, a maintenance notice). Pages
            // saved as .html (the scraper samples) are skipped as not ours (audit).
            std::filesystem::path named = f.path;
            if (named.extension() == ".gz") named = named.stem();
            if (const auto ext = named.extension().string(); ext == ".json" || ext == ".csv")
                throw ParseError(0, fmt::format("an HTML/XML page in a {} file (a failed capture?), not a payload", ext));
            f.skip_reason = "HTML/XML document, not a supported tabular source";
            return f;
        }
        const bool json = first == '{' || first == '[';
        if (json) {
            auto doc = parse_json_document(bytes.text);
            if (auto skip = other_endpoint_skip(doc)) {
                f.skip_reason = *skip;
                return f;
            }
            tables = result_sets_of(doc);
            // A response of an endpoint courtside ingests (its "resource") without result sets is
            // drift (a renamed key, an empty list): quarantined, not skipped as another API's (audit).
            // An error body ({"Message": ...}) is said as such below.
            if (tables.empty() && doc.is_object() && doc.contains("resource") && doc["resource"].is_string() &&
                !doc.contains("Message") && !doc.contains("message")) {
                std::string keys;
                for (const auto& [k, v] : doc.items()) keys += (keys.empty() ? "" : ", ") + k;
                throw ParseError(0, fmt::format("stats.nba.com '{}' response without result sets (keys: {})",
                                                doc["resource"].get<std::string>(), keys));
            }
            if (tables.empty() && !(doc.is_object() && (doc.contains("resultSets") || doc.contains("resultSet")))) {
                parse_json_document_source(doc, f);
                return f;
            }
        } else {
            tables.push_back(parse_csv(bytes.text));
        }
        const Table* table = nullptr;
        for (const auto& t : tables) {
            f.kind = detect_source(t);
            if (f.kind != SourceKind::Unknown) { table = &t; break; }
        }
        if (!table) {
            // Skipped: JSON of other APIs and of the stats.nba.com endpoints courtside does not
            // ingest, and the known layouts of other sources. Any other file is bad input: a CSV
            // (or a result set of ours) whose header matches no source is quarantined.
            f.kind = SourceKind::Unknown;
            const Table* ours = json ? nullptr : &tables.front();
            for (const auto& t : tables)
                if (!ours && source_of_result_set(t.name) != SourceKind::Unknown) ours = &t;
            if (json && tables.empty()) {
                f.skip_reason = "JSON without stats.nba.com resultSets: not a supported source";
            } else if (!ours) {
                std::string names;
                for (const auto& t : tables) names += fmt::format("{}{}", names.empty() ? "" : ", ", t.name);
                f.skip_reason = fmt::format("stats.nba.com response without a supported result set ({})", names);
            } else if (auto why = unsupported_layout(*ours)) {
                f.skip_reason = *why;
            } else {
                reject_undetected(*ours);
            }
            return f;
        }
        switch (f.kind) {
            case SourceKind::BoxscoreTraditionalV2: f.box = parse_boxscore_traditional_v2(*table, f.dropped); break;
            case SourceKind::LeagueGameLogTeam: f.team_log = parse_league_game_log_team(*table, f.dropped); break;
            case SourceKind::PlayByPlayV2: f.pbp = parse_playbyplay_v2(*table, f.dropped); break;
            case SourceKind::GameLines: f.lines = parse_game_lines(*table, f.dropped); break;
            case SourceKind::OddsPropsSnapshot:
            case SourceKind::OddsPropsDaily: f.props = parse_prop_lines(*table, f.kind, f.path, f.dropped); break;
            case SourceKind::PlayerGameLog: f.player_logs = parse_player_game_log(*table, f.dropped); break;
            case SourceKind::PlayerDirectory: f.directory = parse_player_directory(*table, f.dropped); break;
            case SourceKind::LeagueGameLogPlayer: f.player_logs = parse_league_game_log_player(*table, f.dropped); break;
            case SourceKind::ScoreboardV2: f.schedule = parse_scoreboard_v2(*table, tables, f.dropped); break;
            default: break;  // JSON documents and PDFs are parsed above
        }
    } catch (const ParseError& e) {  // a reason may quote the bad bytes: it is stored as text
        f.error = FileProblem{f.path, e.row(), core::escape_invalid_utf8(e.what())};
    } catch (const std::exception& e) {
        // The file readers name the file in their errors; the quarantine names it once already.
        std::string_view why = e.what();
        if (why.size() > f.path.size() + 2 && why.substr(0, f.path.size()) == f.path && why.substr(f.path.size(), 2) == ": ")
            why.remove_prefix(f.path.size() + 2);
        f.error = FileProblem{f.path, 0, core::escape_invalid_utf8(why)};
    }
    return f;
}

}  // namespace

std::optional<std::string> IngestReport::nothing_ingested(const std::string& paths) const {
    if (files_seen == 0) return fmt::format("nothing to ingest: no file found in {}", paths);
    // A folder where no file is a source (a README alone exited 0 while an empty folder exited 1; audit).
    if (quarantined.empty() && skipped.size() == files_seen)
        return fmt::format("nothing to ingest: none of the {} file(s) in {} is a source courtside reads", files_seen, paths);
    return std::nullopt;
}

std::vector<std::string> IngestReport::skipped_lines(size_t max) const {
    std::vector<std::string> out;
    for (size_t i = 0; i < skipped.size() && i < max; ++i) out.push_back(fmt::format("skipped: {}: {}", skipped[i].file, skipped[i].reason));
    if (skipped.size() > max) out.push_back(fmt::format("skipped: ... and {} more", skipped.size() - max));
    return out;
}

std::string IngestReport::summary() const {
    // seen = loaded + unchanged + skipped + quarantined; a superseded file is loaded (recorded) but
    // a later file of the same game holds its rows: said inside "loaded", so the counts add up.
    std::string s = fmt::format("ingest: {} files seen, {} loaded{}, {} unchanged, {} skipped, {} quarantined; "
                                "{} games replaced, {} rows dropped (each with its reason in ops.dropped_rows); {:.2f}s",
                                files_seen, files_loaded,
                                files_superseded ? fmt::format(" ({} superseded by a later file of the same game)", files_superseded)
                                                 : std::string(),
                                files_unchanged, skipped.size(), quarantined.size(), games_replaced, rows_dropped, seconds);
    if (rows_replaced) s += fmt::format("\n  {} rows of props snapshots, player logs or the directory replaced", rows_replaced);
    for (const auto& [t, n] : rows_by_table) s += fmt::format("\n  {:<22} {:>9} rows", t, n);
    if (!lines_summary.empty()) s += "\n" + lines_summary;
    return s;
}

IngestReport ingest_paths(store::Connection& con, const std::vector<fs::path>& paths, const IngestOptions& options) {
    auto t0 = std::chrono::steady_clock::now();
    IngestReport report;
    Walk walk = collect_files(paths, report.skipped);
    const std::vector<fs::path>& files = walk.files;
    report.files_seen = files.size() + report.skipped.size() + walk.problems.size();

    RawWriter writer(con);
    std::unordered_set<std::string> loaded_now;  // content loaded by this run
    const int64_t run_at = core::now_micros();
    {
        // What the walk could not follow is quarantined like a bad file; a directory listed
        // this time is no longer.
        std::vector<ParsedFile> problems(walk.problems.size());
        for (auto& p : walk.problems) {  // stored as text: a path need not be UTF-8
            p.file = core::escape_invalid_utf8(p.file);
            p.reason = core::escape_invalid_utf8(p.reason);
        }
        for (size_t i = 0; i < problems.size(); ++i) {
            problems[i].path = walk.problems[i].file;
            problems[i].error = walk.problems[i];
        }
        if (!problems.empty()) writer.write_batch(problems, run_at);
        writer.resolve_quarantine(walk.listed_dirs);
        report.quarantined = walk.problems;
    }

    std::optional<tbb::global_control> limit;
    if (options.workers > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, options.workers);
    pipeline::Progress progress("ingest", files.size(), options.progress, options.status_file);

    // A stop (SIGINT/SIGTERM) is honoured between batches: the batch being parsed is dropped,
    // the one being written commits, and a rerun loads the rest.
    // The counts are of the files written so far, so they add up to the files done: what the walk
    // skipped or could not follow before any file was read is not among them.
    const size_t skipped_by_walk = report.skipped.size(), quarantined_by_walk = report.quarantined.size();
    auto stop_if_asked = [&](size_t begin) {
        core::throw_if_interrupted([&] {
            return fmt::format("ingest stopped: {} of {} files done ({} loaded, {} unchanged, {} skipped, {} quarantined); rerun it to "
                               "load the rest",
                               begin, files.size(), report.files_loaded, report.files_unchanged, report.skipped.size() - skipped_by_walk,
                               report.quarantined.size() - quarantined_by_walk);
        });
    };
    // Parsing checks each file against what the store held when the run began: a file this run
    // loads under another path is caught below as the same content twice (loaded_now), so the
    // parse needs no view of the batches being written.
    const StoredFiles stored = writer.stored();
    auto parse_batch = [&](size_t begin) {
        const size_t end = std::min(files.size(), begin + options.batch_files);
        std::vector<ParsedFile> batch(end - begin);
        tbb::parallel_for(size_t(0), batch.size(), [&](size_t i) {
            if (!core::interrupted()) batch[i] = parse_file(files[begin + i], stored);
        });
        return batch;
    };
    auto write_parsed = [&](size_t begin, std::vector<ParsedFile>& batch) {
        const size_t end = begin + batch.size();
        // The same content twice in one run (a copy under another path) loads once.
        // A file that failed is not loaded: its failure can depend on its name (props snapshots).
        for (auto& f : batch) {
            if (f.unchanged || f.hash.empty() || f.error || !f.skip_reason.empty()) continue;
            if (!loaded_now.insert(f.hash).second) f.unchanged = true;
        }
        BatchResult r;
        try {
            r = writer.write_batch(batch, run_at);
        } catch (const store::StoreError& e) {  // a full disk, a store gone read-only: this batch rolled back
            throw store::StoreError(fmt::format("ingest: writing files {}..{} of {} to the store failed, that batch rolled back "
                                                "({} files of earlier batches are loaded; rerun to load the rest): {}",
                                                begin + 1, end, files.size(), report.files_loaded + report.files_unchanged, e.what()));
        }
        for (const auto& f : batch) {
            if (f.unchanged) ++report.files_unchanged;
            else if (f.error) report.quarantined.push_back(*f.error);
            else if (!f.skip_reason.empty()) report.skipped.push_back({f.path, 0, f.skip_reason});
        }
        report.files_loaded += r.files_loaded;
        report.files_superseded += r.files_superseded;
        report.games_replaced += r.games_replaced;
        report.rows_replaced += r.keyed_rows_replaced;
        report.rows_dropped += r.rows_dropped;
        for (const auto& [t, n] : r.rows_by_table) report.rows_by_table[t] += n;
        size_t failed = 0;
        for (const auto& f : batch) failed += f.error ? 1 : 0;
        progress.advance(batch.size(), failed);
    };
    // Two stages: while this thread writes batch k (DuckDB's appender is single-threaded), the
    // workers parse batch k+1. Batches are written in path order, as without the overlap.
    std::vector<ParsedFile> parsed;  // parsed, waiting to be written
    size_t parsed_begin = 0;
    if (!files.empty()) {
        stop_if_asked(0);
        parsed = parse_batch(0);
    }
    for (size_t begin = 0; begin < files.size(); begin += options.batch_files) {
        stop_if_asked(begin);
        const size_t next_begin = begin + options.batch_files;
        std::vector<ParsedFile> next;
        tbb::task_group group;
        if (next_begin < files.size()) group.run([&] { next = parse_batch(next_begin); });
        try {
            write_parsed(parsed_begin, parsed);
        } catch (...) {
            group.wait();
            throw;
        }
        group.wait();
        parsed = std::move(next);
        parsed_begin = next_begin;
    }
    progress.finish();
    // The props tables are derived from what was just loaded: rebuild them when an input changed.
    if (auto lines = props::refresh_lines(con); lines && !lines->sources.empty()) report.lines_summary = lines->summary();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return report;
}

}  // namespace courtside::ingest
