#include "analytics/phase3_base.hpp"

#include "core/hash.hpp"
#include "pipeline/run_context.hpp"
#include "pipeline/season_calendar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

namespace courtside::analytics {

static bool reads(const std::vector<std::string>& tables, std::string_view t) {
    return std::find(tables.begin(), tables.end(), t) != tables.end();
}

Phase3Processor::Phase3Processor(std::string name, std::vector<std::string> raw_upstream, store::TableSpec spec)
    : name_(std::move(name)),
      raw_upstream_(std::move(raw_upstream)),
      spec_(std::move(spec)),
      parts_(LoadParts{reads(raw_upstream_, kBoxTable), reads(raw_upstream_, kPlayByPlayTable),
                       reads(raw_upstream_, kPlayerLogTable)}) {}

namespace {

// A run's handle on the shared inputs.
struct SharedGameInputs : pipeline::PartitionInputs {
    std::shared_ptr<const GameInputs> games;
};

}  // namespace

std::unique_ptr<const pipeline::PartitionInputs> Phase3Processor::load(const pipeline::RunContext& ctx,
                                                                       const std::vector<core::Date>& dates) const {
    // Shared for the step only: raw rows do not change under a step, and the next one loads
    // afresh. The raw tables' state is in the key all the same (a caller outside a step).
    const std::string key = pipeline::SeasonCalendar::state_key(ctx.con) + ' ' + core::format_date_list(dates);
    auto in = std::make_unique<SharedGameInputs>();
    in->games = ctx.cache->get_for_step<GameInputs>(key, [&] {
        GameInputs all(LoadParts{true, true, true});
        all.load(ctx.con, dates);
        return all;
    });
    return in;
}

pipeline::PartitionResult Phase3Processor::compute(const pipeline::PartitionInputs& inputs, core::Date date) const {
    return compute_games(*static_cast<const SharedGameInputs&>(inputs).games, date);
}

std::vector<pipeline::Upstream> Phase3Processor::upstream() const {
    std::vector<pipeline::Upstream> out;
    for (const auto& t : raw_upstream_) out.push_back({t, pipeline::DateScope::ThisDate});
    return out;
}

// Fingerprint over the sorted, distinct (game_id, source_hash) pairs of the date's games.
static std::string fingerprint(std::vector<std::pair<std::string_view, std::string_view>> pairs) {
    std::sort(pairs.begin(), pairs.end());
    pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());
    core::Fingerprint fp;
    fp.add(static_cast<int64_t>(pairs.size()));
    for (const auto& [game, hash] : pairs) fp.add(game).add(hash);
    return fp.hex();
}

pipeline::PartitionResult Phase3Processor::start(std::span<const Game> games) const {
    pipeline::PartitionResult r;
    r.rows = pipeline::Rows(&spec_);
    for (const auto& table : raw_upstream_) {
        std::vector<std::pair<std::string_view, std::string_view>> pairs;
        for (const auto& g : games) {
            if (table == kTeamLogTable)
                for (const auto& t : g.teams) pairs.emplace_back(g.game_id, t.source_hash);
            const auto& hashes = table == kBoxTable ? g.box_hashes : table == kPlayByPlayTable ? g.pbp_hashes : g.player_log_hashes;
            if (table == kBoxTable || table == kPlayByPlayTable || table == kPlayerLogTable)
                for (const auto& h : hashes) pairs.emplace_back(g.game_id, h);
        }
        r.upstream_fingerprints[table] = fingerprint(std::move(pairs));
    }
    return r;
}

namespace {

// The games and source hashes the step's processors plan from: every part's hashes, loaded once
// for the step (a type of its own, so the cache keeps it beside the step's full load).
struct FingerprintInputs {
    GameInputs games{LoadParts{true, true, true}};
};

}  // namespace

std::optional<pipeline::Processor::RawFingerprints> Phase3Processor::raw_fingerprints(
    const pipeline::RunContext& ctx, const std::vector<core::Date>& dates) const {
    // A processor's fingerprint reads only the hashes of its own raw tables (start()), so one load
    // of every part serves the four; each loaded its own before (~50 ms a processor on daily's
    // season of dates).
    const std::string key = pipeline::SeasonCalendar::state_key(ctx.con) + ' ' + core::format_date_list(dates);
    auto light = ctx.cache->get_for_step<FingerprintInputs>(key, [&] {
        FingerprintInputs in;
        in.games.load_fingerprint_inputs(ctx.con, dates);
        return in;
    });
    RawFingerprints out;
    for (core::Date d : dates) out[d] = start(light->games.games_on(d)).upstream_fingerprints;
    return out;
}

std::string Phase3Processor::no_games_reason(const GameInputs& in, core::Date date, std::span<const Game> games) {
    if (!games.empty()) return {};
    if (size_t n = in.exhibitions_on(date))
        return fmt::format("only {} All-Star game{} on {}, which Phase 3 does not analyze", n, n == 1 ? "" : "s",
                           core::format_date(date));
    return fmt::format("no games scheduled on {}", core::format_date(date));
}

void add_box_score_issues(Quality& q, const Game& g, const GameTeams& teams, const Reconciliation& rec) {
    if (!g.has_box()) return q.add(issue::kNoBoxScore);
    if (g.box_not_final) q.add(issue::kBoxScoreNotFinal);
    bool all_logged = teams.sides().size() == 2 &&
                      std::all_of(teams.sides().begin(), teams.sides().end(), [](const auto& s) { return s.log; });
    if (!all_logged) return q.add(issue::kNoTeamLog);
    if (!rec.reconciles) return q.add(issue::kBoxScoreIncomplete);
    if (!rec.exact) q.add(issue::kTeamLogAttemptsDiffer);
    if (!rec.counts_exact) q.add(issue::kTeamLogCountsDiffer);
}

std::string no_box_score_reason(core::Date date, std::span<const Game> games) {
    size_t n = games.size();
    return fmt::format("{} scheduled game{} on {} {} no box-score file", n, n == 1 ? "" : "s", core::format_date(date),
                       n == 1 ? "has" : "have");
}

}  // namespace courtside::analytics
