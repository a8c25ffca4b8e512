#include "export/catalog.hpp"

#include "app/registry.hpp"
#include "daily/daily_run.hpp"
#include "pregame/pregame_rows.hpp"

#include "fetch/fetch_log.hpp"
#include "grading/grades_table.hpp"
#include "ingest/sources.hpp"
#include "models/model_tables.hpp"
#include "models/picks_table.hpp"
#include "pipeline/registry.hpp"
#include "props/props_tables.hpp"
#include "store/raw_tables.hpp"
#include "validate/validator.hpp"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace courtside::export_ {

std::string_view layer_name(Layer l) {
    switch (l) {
        case Layer::Raw: return "raw";
        case Layer::Props: return "props";
        case Layer::Analytics: return "analytics";
        case Layer::Precompute: return "precompute";
        case Layer::Features: return "features";
        case Layer::Models: return "models";
        case Layer::Grades: return "grades";
        case Layer::Ops: return "ops";
    }
    return "?";
}

namespace {

// The commands that read or write tables outside the processor registry. Declared here (the
// registry only knows processors) next to the tables they touch.
struct Command {
    std::string name;
    std::vector<std::string> reads;
};

const std::vector<std::string> kFeatureStores = {"precompute.ml_feature_store", "precompute.ml_feature_store_v2",
                                                 "precompute.ml_feature_store_v3"};
const std::vector<std::string> kEarlyStores = {"precompute.ml_feature_store_early", "precompute.ml_feature_store_early_v2",
                                               "precompute.ml_feature_store_early_v3"};

std::vector<std::string> join(std::initializer_list<std::vector<std::string>> parts) {
    std::vector<std::string> out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

const std::vector<Command>& commands() {
    static const std::vector<Command> c = {
        {"lines build",
         {"raw.prop_lines", "raw.boxscore_player", "raw.player_game_log", "raw.player_directory", "raw.team_game_log"}},
        {"train", join({kFeatureStores, {"analytics.player_game_summary"}})},
        {"predict", join({kFeatureStores, kEarlyStores, {"models.registry"}})},
        {"evaluate", join({kFeatureStores, {"analytics.player_game_summary"}})},
        {"grade", {"props.consensus_lines", "models.predictions", "models.registry", "analytics.player_game_summary"}},
        {"validate", {"analytics.player_game_summary", "analytics.team_offense_game_summary",
                      "analytics.team_defense_game_summary", "precompute.ml_feature_store", "ops.partition_ledger",
                      "ops.validation_metrics"}},
        {"run / backfill (partition runner)", {"ops.partition_ledger"}},
        {"serve", join({kFeatureStores, {"models.picks", "ops.daily_runs", "models.grades", "models.predictions", "models.registry",
                                         "analytics.player_game_summary", "raw.player_directory", "ops.partition_ledger",
                                         "ops.validation_results", "ops.fetch_log", "ops.ingested_files", "ops.quarantine"}})},
    };
    return c;
}

// A raw table a processor declares, with the tables read beside it: Phase 3 reads the
// play-by-play of both feeds (analytics/game_inputs.cpp), and the closing lines reach the features
// through raw.game_line_by_team, which falls back on the Odds API's (store/raw_tables.cpp).
std::vector<std::string> read_with(const std::string& table) {
    if (table == "raw.playbyplay") return {table, "raw.playbyplay_v3"};
    if (table == "raw.game_lines") return {table, "raw.odds_game_lines"};
    return {table};
}

CatalogTable non_processor(const store::TableSpec& spec, Layer layer, std::string writer, std::vector<std::string> upstream,
                           PartitionBy by, std::string date_column, ChangeSource changes) {
    CatalogTable t;
    t.spec = &spec;
    t.layer = layer;
    t.writer = std::move(writer);
    t.upstream = std::move(upstream);
    t.partition_by = by;
    t.date_column = std::move(date_column);
    t.changes = changes;
    return t;
}

std::vector<CatalogTable> build() {
    using PB = PartitionBy;
    using CS = ChangeSource;
    std::vector<CatalogTable> out;
    // Raw: written by ingest, one partition per season; a file's new content changes its rows' hashes.
    using K = ingest::SourceKind;
    auto raw = [&](const store::TableSpec& s, PB by, std::string date, std::initializer_list<K> kinds) {
        out.push_back(non_processor(s, Layer::Raw, "ingest", {}, by, std::move(date), CS::SourceFiles));
        for (K k : kinds) out.back().source_kinds.emplace_back(ingest::source_kind_name(k));
    };
    raw(store::raw_boxscore_player_spec(), PB::GameIdSeason, "", {K::BoxscoreTraditionalV2, K::BoxscoreTraditionalV3, K::CdnBoxscore});
    raw(store::raw_team_game_log_spec(), PB::GameIdSeason, "", {K::LeagueGameLogTeam});
    raw(store::raw_playbyplay_spec(), PB::GameIdSeason, "", {K::PlayByPlayV2});
    raw(store::raw_playbyplay_v3_spec(), PB::GameIdSeason, "", {K::PlayByPlayV3, K::CdnPlayByPlay});
    raw(store::raw_schedule_spec(), PB::DateSeason, "game_date", {K::ScoreboardV2, K::ScoreboardV3, K::CdnSchedule, K::CdnBoxscore});
    raw(store::raw_game_lines_spec(), PB::DateSeason, "game_date", {K::GameLines});
    raw(store::raw_odds_events_spec(), PB::DateSeason, "game_date", {K::OddsApiEvents, K::OddsApiOdds});
    raw(store::raw_odds_game_lines_spec(), PB::DateSeason, "game_date", {K::OddsApiOdds});
    raw(store::raw_prop_lines_spec(), PB::DateSeason, "game_date", {K::OddsPropsSnapshot, K::OddsPropsDaily, K::OddsApiOdds});
    raw(store::raw_player_game_log_spec(), PB::DateSeason, "game_date", {K::PlayerGameLog, K::LeagueGameLogPlayer});
    raw(store::raw_player_directory_spec(), PB::None, "", {K::PlayerDirectory});
    raw(store::raw_injury_report_spec(), PB::DateSeason, "game_date", {K::InjuryReport});

    // Props: rebuilt from the raw tables by `lines build` (after every ingest that changes an input).
    const auto& lines_inputs = commands().front().reads;
    for (const store::TableSpec* s : props::props_tables()) {
        PB by = s->column_index("season") >= 0 ? PB::SeasonColumn : s->column_index("game_date") >= 0 ? PB::DateSeason : PB::None;
        out.push_back(non_processor(*s, Layer::Props, "lines build", lines_inputs, by,
                                    s->column_index("game_date") >= 0 ? "game_date" : "", CS::Content));
    }

    // Processor outputs, in the registry's dependency order.
    for (const auto& p : app::registry().processors()) {
        CatalogTable t;
        t.spec = &p->output();
        const bool features = p->output().name.rfind("ml_feature_store", 0) == 0;
        t.layer = p->phase() == 3 ? Layer::Analytics : features ? Layer::Features : Layer::Precompute;
        t.writer = std::string(p->name());
        for (const auto& u : p->upstream())
            for (const auto& table : read_with(u.table))
                if (std::find(t.upstream.begin(), t.upstream.end(), table) == t.upstream.end()) t.upstream.push_back(table);
        t.partition_by = PB::SeasonColumn;
        t.date_column = std::string(p->date_column());
        t.changes = CS::Ledger;
        t.processor = std::string(p->name());
        out.push_back(std::move(t));
    }

    // Models and grades.
    out.push_back(non_processor(models::registry_spec(), Layer::Models, "train", join({kFeatureStores, {"analytics.player_game_summary"}}),
                                PB::None, "", CS::Content));
    out.push_back(non_processor(models::predictions_spec(), Layer::Models, "predict",
                                join({kFeatureStores, kEarlyStores, {"models.registry"}}), PB::DateSeason, "game_date", CS::Content));
    out.push_back(non_processor(grading::grades_spec(), Layer::Grades, "grade",
                                {"props.consensus_lines", "models.predictions", "analytics.player_game_summary"}, PB::DateSeason,
                                "game_date", CS::Content));

    // Pre-game rows of a date not yet played (or replayed): its context, then Phase 4 on it.
    for (const auto& s : pregame::pregame_table_specs())
        out.push_back(non_processor(s, Layer::Precompute, "daily (pre-game rows)",
                                    {"raw.schedule", "raw.team_game_log", "raw.injury_report", "raw.game_lines", "raw.odds_game_lines",
                                     "props.consensus_lines",
                                     "analytics.player_game_summary", "analytics.team_offense_game_summary",
                                     "analytics.team_defense_game_summary", "analytics.player_game_status"},
                                    PB::DateSeason, "game_date", CS::Content));

    // The picks contract (models/picks_table.hpp): written by `picks` / `daily`, read by `serve`.
    out.push_back(non_processor(models::picks_spec(), Layer::Models, "picks / daily",
                                {"props.consensus_lines", "props.book_lines", "pregame.upcoming_player_game_context",
                                 "pregame.upcoming_team_game_context", "pregame.ml_feature_store_v3", "models.registry"},
                                PB::DateSeason, "game_date", CS::Content));

    // Ops: what ingest, the partition runner and validate record about themselves.
    out.push_back(non_processor(store::ops_ingested_files_spec(), Layer::Ops, "ingest", {}, PB::None, "", CS::Content));
    out.push_back(non_processor(store::ops_quarantine_spec(), Layer::Ops, "ingest", {}, PB::None, "", CS::Content));
    out.push_back(non_processor(store::ops_dropped_rows_spec(), Layer::Ops, "ingest", {}, PB::None, "", CS::Content));
    out.push_back(non_processor(fetch::ops_fetch_log_spec(), Layer::Ops, "fetch", {}, PB::None, "", CS::Content));
    out.push_back(non_processor(daily::daily_runs_spec(), Layer::Ops, "daily", {}, PB::None, "", CS::Content));
    for (const store::TableSpec* s : {&store::ops_partition_ledger_spec(), &store::ops_partition_runs_spec()}) {
        out.push_back(non_processor(*s, Layer::Ops, "run / backfill (partition runner)", {}, PB::DateSeason, "partition_date",
                                    CS::Content));
        out.back().change_columns = {"processor", "partition_date", "run_id"};
    }
    for (const store::TableSpec* s : {&store::ops_ledger_stage_spec(), &store::ops_stage_dates_spec()}) {
        out.push_back(non_processor(*s, Layer::Ops, "run / backfill (partition runner)", {}, PB::None, "", CS::Content));
        out.back().staging = true;
    }
    for (const store::TableSpec* s : {&validate::validation_results_spec(), &validate::validation_metrics_spec()})
        out.push_back(non_processor(*s, Layer::Ops, "validate", {}, PB::None, "", CS::Content));
    for (const store::TableSpec* s : {&store::ops_schema_version_spec(), &store::ops_schema_objects_spec()})
        out.push_back(non_processor(*s, Layer::Ops, "migrate (every command)", {}, PB::None, "", CS::Content));

    // Readers: the writers of the tables that list it upstream (processors, the pre-game rows,
    // picks, models), then the commands that read it. Only the processors were counted, so the
    // schedule and the injury report, read by the pre-game step, had no reader (audit).
    for (auto& t : out) {
        std::set<std::string> seen;
        for (const auto& r : out)
            if (std::find(r.upstream.begin(), r.upstream.end(), t.qualified()) != r.upstream.end() && seen.insert(r.writer).second)
                t.readers.push_back(r.writer);
        for (const auto& c : commands())
            if (std::find(c.reads.begin(), c.reads.end(), t.qualified()) != c.reads.end() && seen.insert(c.name).second)
                t.readers.push_back(c.name);
    }
    return out;
}

}  // namespace

const std::vector<CatalogTable>& store_tables() {
    static const std::vector<CatalogTable> tables = build();
    return tables;
}

const CatalogTable* find_table(std::string_view name) {
    for (const auto& t : store_tables())
        if (t.qualified() == name || t.spec->name == name) return &t;
    return nullptr;
}

std::vector<const CatalogTable*> select_tables(const std::vector<std::string>& names,
                                               bool (*by_default)(const CatalogTable&)) {
    std::vector<const CatalogTable*> out;
    auto add = [&](const CatalogTable& t) {
        if (!t.staging && std::find(out.begin(), out.end(), &t) == out.end()) out.push_back(&t);
    };
    if (names.empty()) {
        for (const auto& t : store_tables())
            if (by_default(t)) add(t);
        return out;
    }
    for (const auto& n : names) {
        bool matched = false;
        for (const auto& t : store_tables())
            if (t.spec->schema == n || t.qualified() == n || t.spec->name == n) {
                add(t);
                matched = true;
            }
        if (!matched) throw std::invalid_argument("unknown table or schema '" + n + "' (see `courtside docs`)");
    }
    // Keep the catalog's (lineage) order whatever order the names came in.
    std::sort(out.begin(), out.end(), [](const CatalogTable* a, const CatalogTable* b) { return a < b; });
    return out;
}

}  // namespace courtside::export_
