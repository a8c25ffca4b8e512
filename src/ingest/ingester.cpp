#include "ingest/ingester.hpp"

#include "core/dates.hpp"
#include "core/hash.hpp"
#include "core/numbers.hpp"
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

#include <algorithm>
#include <cctype>
#include <chrono>
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
        case SourceKind::ScoreboardV3: f.schedule = parse_scoreboard_v3(doc, f.dropped); break;
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
            // stats.nba.com's other v3 endpoints: {"meta": ..., "boxScoreAdvanced": ...}.
            std::string keys;
            if (doc.is_object() && doc.contains("meta"))
                for (const auto& [k, v] : doc.items())
                    if (k != "meta") keys += (keys.empty() ? "" : ", ") + k;
            f.skip_reason = keys.empty() ? "JSON of another API (not stats.nba.com, the NBA CDN or The Odds API): not a supported source"
                                         : fmt::format("stats.nba.com / NBA CDN document without a supported part ({})", keys);
        }
    }
}

std::vector<fs::path> collect_files(const std::vector<fs::path>& paths, std::vector<FileProblem>& skipped) {
    // A path that names nothing is a mistake in the command, not a file to skip: stop before loading anything.
    std::string missing;
    for (const auto& p : paths) {
        std::error_code ec;
        if (!fs::is_directory(p, ec) && !fs::is_regular_file(p, ec))
            missing += fmt::format("{}{}", missing.empty() ? "" : ", ", p.string());
    }
    if (!missing.empty()) throw std::runtime_error(fmt::format("ingest: no such file or directory: {}", missing));
    std::vector<fs::path> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (const auto& e : fs::recursive_directory_iterator(p, fs::directory_options::skip_permission_denied)) {
                if (!e.is_regular_file()) continue;
                if (looks_tabular(e.path())) files.push_back(e.path());
                else skipped.push_back({e.path().string(), 0, "not a CSV/JSON data file"});
            }
        } else {
            files.push_back(p);
        }
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    return files;
}

// Parses one file into typed rows. Never throws: failures become `error`.
ParsedFile parse_file(const fs::path& path, const StoredFiles& stored) {
    ParsedFile f;
    f.path = path.string();
    try {
        FileBytes bytes = read_source_file(path);
        f.hash = core::content_hash(bytes.stored);
        if (stored.unchanged(f.path, f.hash)) {
            f.unchanged = true;
            return f;
        }
        if (bytes.text.empty()) throw ParseError(0, "empty file");
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
            f.skip_reason = "HTML/XML document, not a supported tabular source";
            return f;
        }
        const bool json = first == '{' || first == '[';
        if (json) {
            auto doc = parse_json_document(bytes.text);
            tables = result_sets_of(doc);
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
    } catch (const ParseError& e) {
        f.error = FileProblem{f.path, e.row(), e.what()};
    } catch (const std::exception& e) {
        f.error = FileProblem{f.path, 0, e.what()};
    }
    return f;
}

}  // namespace

std::string IngestReport::summary() const {
    std::string s = fmt::format("ingest: {} files seen, {} loaded, {} unchanged, {} superseded, {} skipped, {} quarantined; "
                                "{} games replaced, {} duplicate rows dropped (ops.dropped_rows); {:.2f}s",
                                files_seen, files_loaded, files_unchanged, files_superseded, skipped.size(),
                                quarantined.size(), games_replaced, rows_dropped, seconds);
    if (rows_replaced) s += fmt::format("\n  {} rows of props snapshots, player logs or the directory replaced", rows_replaced);
    for (const auto& [t, n] : rows_by_table) s += fmt::format("\n  {:<22} {:>9} rows", t, n);
    if (!lines_summary.empty()) s += "\n" + lines_summary;
    return s;
}

IngestReport ingest_paths(store::Connection& con, const std::vector<fs::path>& paths, const IngestOptions& options) {
    auto t0 = std::chrono::steady_clock::now();
    IngestReport report;
    std::vector<fs::path> files = collect_files(paths, report.skipped);
    report.files_seen = files.size() + report.skipped.size();

    RawWriter writer(con);
    std::unordered_set<std::string> loaded_now;  // content loaded by this run
    const int64_t run_at = core::now_micros();

    std::optional<tbb::global_control> limit;
    if (options.workers > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, options.workers);
    pipeline::Progress progress("ingest", files.size(), options.progress);

    for (size_t begin = 0; begin < files.size(); begin += options.batch_files) {
        size_t end = std::min(files.size(), begin + options.batch_files);
        std::vector<ParsedFile> batch(end - begin);
        const StoredFiles& stored = writer.stored();
        tbb::parallel_for(size_t(0), batch.size(), [&](size_t i) { batch[i] = parse_file(files[begin + i], stored); });

        // The same content twice in one run (a copy under another path) loads once.
        // A file that failed is not loaded: its failure can depend on its name (props snapshots).
        for (auto& f : batch) {
            if (f.unchanged || f.hash.empty() || f.error || !f.skip_reason.empty()) continue;
            if (!loaded_now.insert(f.hash).second) f.unchanged = true;
        }
        BatchResult r = writer.write_batch(batch, run_at);
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
    }
    progress.finish();
    // The props tables are derived from what was just loaded: rebuild them when an input changed.
    if (auto lines = props::refresh_lines(con); lines && !lines->sources.empty()) report.lines_summary = lines->summary();
    report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return report;
}

}  // namespace courtside::ingest
