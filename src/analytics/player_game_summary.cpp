#include "analytics/player_game_summary.hpp"

#include "analytics/columns.hpp"
#include "analytics/formulas.hpp"
#include "analytics/phase3_base.hpp"

#include <algorithm>
#include <cstdlib>

namespace courtside::analytics {

namespace {

using pipeline::Value;
using T = store::ColumnType;

struct PlayerCtx {
    const Game* game = nullptr;
    const BoxRow* box = nullptr;
    const TeamSide* side = nullptr;
    const TeamSide* opponent = nullptr;
    const ZoneCounts* zones = nullptr;  // nullptr: the game has no play-by-play
    std::optional<double> ts, efg, usage;
    Quality quality;
};

Value opt(const OptInt& v) { return pipeline::opt_value(v); }
Value zone(const PlayerCtx& c, int ZoneCounts::*field) { return c.zones ? Value(int64_t{c.zones->*field}) : Value(); }

const std::vector<Column<PlayerCtx>>& columns() {
    static const std::vector<Column<PlayerCtx>> cols = {
        {{"game_id", T::Text, true, doc::kGameId}, [](const PlayerCtx& c) -> Value { return c.game->game_id; }},
        {{"game_date", T::Date, true, doc::kGameDate}, [](const PlayerCtx& c) { return pipeline::date_value(c.game->date); }},
        {{"season", T::Integer, true, doc::kSeason}, [](const PlayerCtx& c) -> Value { return int64_t{c.game->season}; }},
        {{"season_type", T::Text, true, doc::kSeasonType}, [](const PlayerCtx& c) -> Value { return c.game->season_type; }},
        {{"player_id", T::BigInt, true, doc::kPlayerId}, [](const PlayerCtx& c) -> Value { return c.box->player_id; }},
        {{"player_name", T::Text, false, doc::kPlayerName}, [](const PlayerCtx& c) -> Value { return c.box->player_name; }},
        {{"team", T::Text, true, doc::kTeam}, [](const PlayerCtx& c) -> Value { return c.side->code; }},
        {{"opponent", T::Text, false, doc::kOpponent},
         [](const PlayerCtx& c) -> Value { return c.opponent ? Value(c.opponent->code) : Value(); }},
        {{"is_home", T::Boolean, false, doc::kIsHome}, [](const PlayerCtx& c) { return pipeline::opt_value(c.side->is_home); }},
        // Unknown (NULL) for player-log rows: they carry no START_POSITION.
        {{"starter", T::Boolean, false, "started the game (START_POSITION set); NULL for player-log rows, which carry no lineup"},
         [](const PlayerCtx& c) -> Value {
             return c.box->source == RowSource::BoxScore ? Value(!c.box->start_position.empty()) : Value();
         }},
        {{"seconds_played", T::Integer, true, "time played, exact", doc::kSeconds},
         [](const PlayerCtx& c) -> Value { return int64_t{*c.box->seconds_played}; }},
        {{"minutes", T::Double, true, "seconds_played / 60, exact (MM:SS or decimal input)", doc::kMinutes},
         [](const PlayerCtx& c) -> Value { return *c.box->seconds_played / 60.0; }},
        {{"points", T::Integer, false, doc::kPts, doc::kPoints}, [](const PlayerCtx& c) { return opt(c.box->pts); }},
        {{"fgm", T::Integer, false, doc::kFgm, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->fgm); }},
        {{"fga", T::Integer, false, doc::kFga, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->fga); }},
        {{"fg3m", T::Integer, false, doc::kFg3m, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->fg3m); }},
        {{"fg3a", T::Integer, false, doc::kFg3a, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->fg3a); }},
        {{"ftm", T::Integer, false, doc::kFtm, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->ftm); }},
        {{"fta", T::Integer, false, doc::kFta, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->fta); }},
        {{"oreb", T::Integer, false, doc::kOreb, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->oreb); }},
        {{"dreb", T::Integer, false, doc::kDreb, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->dreb); }},
        {{"reb", T::Integer, false, doc::kReb, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->reb); }},
        {{"ast", T::Integer, false, doc::kAst, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->ast); }},
        {{"stl", T::Integer, false, doc::kStl, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->stl); }},
        {{"blk", T::Integer, false, doc::kBlk, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->blk); }},
        {{"tov", T::Integer, false, doc::kTov, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->tov); }},
        {{"pf", T::Integer, false, doc::kPf, doc::kCount}, [](const PlayerCtx& c) { return opt(c.box->pf); }},
        {{"plus_minus", T::Double, false, doc::kPlusMinus, doc::kPoints},
         [](const PlayerCtx& c) { return pipeline::opt_value(c.box->plus_minus); }},
        {{"ts_pct", T::Double, false, "true shooting: pts / (2 * (fga + 0.44 * fta)); NULL when the denominator is 0", doc::kFraction},
         [](const PlayerCtx& c) { return pipeline::opt_value(c.ts); }},
        {{"efg_pct", T::Double, false, "effective FG%: (fgm + 0.5 * fg3m) / fga; NULL when fga is 0", doc::kFraction},
         [](const PlayerCtx& c) { return pipeline::opt_value(c.efg); }},
        {{"usage_rate", T::Double, false,
          "share of team plays used while on the floor: (fga + 0.44 fta + tov) * (team_minutes / 5) / "
          "(minutes * team (fga + 0.44 fta + tov)); above 1 is kept and flagged",
          doc::kFraction},
         [](const PlayerCtx& c) { return pipeline::opt_value(c.usage); }},
        {{"paint_fga", T::Integer, false, "field-goal attempts at <= 8 ft or without a distance, from play-by-play; NULL without play-by-play", doc::kCount},
         [](const PlayerCtx& c) { return zone(c, &ZoneCounts::paint_fga); }},
        {{"paint_fgm", T::Integer, false, "paint field goals made, from play-by-play", doc::kCount},
         [](const PlayerCtx& c) { return zone(c, &ZoneCounts::paint_fgm); }},
        {{"mid_fga", T::Integer, false, "mid-range (non-3PT, > 8 ft) attempts, from play-by-play", doc::kCount},
         [](const PlayerCtx& c) { return zone(c, &ZoneCounts::mid_fga); }},
        {{"mid_fgm", T::Integer, false, "mid-range field goals made, from play-by-play", doc::kCount},
         [](const PlayerCtx& c) { return zone(c, &ZoneCounts::mid_fgm); }},
        {{"three_fga", T::Integer, false, "3PT attempts, from play-by-play", doc::kCount},
         [](const PlayerCtx& c) { return zone(c, &ZoneCounts::three_fga); }},
        {{"three_fgm", T::Integer, false, "3PT makes, from play-by-play", doc::kCount},
         [](const PlayerCtx& c) { return zone(c, &ZoneCounts::three_fgm); }},
        {{"assisted_fgm", T::Integer, false, "made field goals with an assister (PLAYER2), from play-by-play", doc::kCount},
         [](const PlayerCtx& c) { return zone(c, &ZoneCounts::assisted_fgm); }},
        {{"unassisted_fgm", T::Integer, false, "made field goals without an assister, from play-by-play", doc::kCount},
         [](const PlayerCtx& c) { return c.zones ? Value(int64_t{c.zones->fgm() - c.zones->assisted_fgm}) : Value(); }},
        {{"team_minutes", T::Integer, false, "the team's player-minutes: 240 + 25 per overtime (the team log's MIN without its rounding)", doc::kMinutes},
         [](const PlayerCtx& c) { return c.side->log ? Value(c.side->log->min) : Value(); }},
        {{"source", T::Text, true, "boxscoretraditionalv2 (full box score) or player_game_log (props players' logs: partial roster)"},
         [](const PlayerCtx& c) -> Value {
             return std::string(c.box->source == RowSource::BoxScore ? "boxscoretraditionalv2" : "player_game_log");
         }},
        {{"quality_tier", T::Text, true, doc::kQualityTier},
         [](const PlayerCtx& c) -> Value { return std::string(tier_name(c.quality.tier())); }},
        {{"quality_issues", T::Text, true, doc::kQualityIssues}, [](const PlayerCtx& c) -> Value { return c.quality.issues(); }},
        {{"is_production_ready", T::Boolean, true, doc::kProductionReady},
         [](const PlayerCtx& c) -> Value { return c.quality.production_ready(); }},
    };
    return cols;
}

// Zone counts per shooter of one game, by player_id.
std::vector<std::pair<int64_t, ZoneCounts>> zones_by_player(std::span<const ShotEvent> shots) {
    std::vector<std::pair<int64_t, ZoneCounts>> out;
    for (const auto& s : shots) {
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == s.player_id; });
        if (it == out.end()) it = out.insert(out.end(), {s.player_id, ZoneCounts{}});
        it->second.add(s.shot);
    }
    return out;
}

// A player-log row: its team and the opponent must both be in the team log (team totals, usage).
void add_partial_roster_issues(Quality& q, const GameTeams& teams) {
    bool all_logged = teams.sides().size() == 2 &&
                      std::all_of(teams.sides().begin(), teams.sides().end(), [](const auto& s) { return s.log; });
    q.add(all_logged ? issue::kPartialRoster : issue::kNoTeamLog);
}

// The rates, with NULL (not 0) wherever an input is missing or a denominator is 0.
void compute_rates(PlayerCtx& c) {
    const BoxRow& b = *c.box;
    if (b.pts && b.fga && b.fta) c.ts = ts_pct(*b.pts, *b.fga, *b.fta);
    if (b.fgm && b.fg3m && b.fga) c.efg = efg_pct(*b.fgm, *b.fg3m, *b.fga);
    const TeamLogRow* t = c.side->log;
    if (!t) return;
    if (!t->fga || !t->fta || !t->tov) {
        c.quality.add(issue::kMissingTeamTotals);
        return;
    }
    if (b.fga && b.fta && b.tov)
        c.usage = usage_rate({static_cast<double>(*b.fga), static_cast<double>(*b.fta), static_cast<double>(*b.tov),
                              *b.seconds_played / 60.0, static_cast<double>(t->min), static_cast<double>(*t->fga),
                              static_cast<double>(*t->fta), static_cast<double>(*t->tov)});
}

class PlayerGameSummary final : public Phase3Processor {
public:
    PlayerGameSummary()
        : Phase3Processor("player_game_summary", {kBoxTable, kTeamLogTable, kPlayByPlayTable, kPlayerLogTable},
                          make_spec("player_game_summary", columns(), {"game_id", "player_id"},
                                    "One row per player per game played (seconds_played > 0): box score, rates, shot zones, quality")) {}

    pipeline::PartitionResult compute_games(const GameInputs& in, core::Date date) const override {
        auto games = in.games_on(date);
        auto result = start(games);
        result.empty_reason = no_games_reason(in, date, games);
        for (const auto& g : games) add_game(in, g, result.rows);
        if (result.rows.empty() && result.empty_reason.empty())
            result.empty_reason = std::any_of(games.begin(), games.end(), [](const Game& g) { return g.has_box(); })
                                      ? "the box scores of " + core::format_date(date) + " list no player with minutes"
                                      : no_box_score_reason(date, games);
        return result;
    }

private:
    // A full box score when the game has one (gold when it reconciles); else the player-log rows
    // (partial roster: silver at best). Never both, so no player-game is counted twice.
    void add_game(const GameInputs& in, const Game& g, pipeline::Rows& rows) const {
        bool full = g.has_box();
        if (!full && !g.has_player_log()) return;
        auto box = full ? in.box(g) : in.player_logs(g);
        GameTeams teams(g.teams, box);
        Reconciliation rec = full ? reconcile(g.teams, box) : Reconciliation{};
        auto zones = zones_by_player(in.shots(g));
        static const ZoneCounts kNoShots{};
        for (const auto& b : box) {
            if (!b.played()) continue;
            PlayerCtx c;
            c.game = &g;
            c.box = &b;
            c.side = teams.find(b.team_id);
            c.opponent = teams.opponent_of(b.team_id);
            if (g.has_pbp()) {
                auto it = std::find_if(zones.begin(), zones.end(), [&](const auto& p) { return p.first == b.player_id; });
                c.zones = it == zones.end() ? &kNoShots : &it->second;  // played, took no shot: a real 0
            }
            if (full) add_box_score_issues(c.quality, g, teams, rec);
            else add_partial_roster_issues(c.quality, teams);
            compute_rates(c);
            if (!b.comment.empty()) c.quality.add(issue::kCommentWithMinutes);
            if (c.usage && *c.usage > 1.0) c.quality.add(issue::kUsageAbove1);
            if (c.zones && b.fga && std::labs(c.zones->fga() - *b.fga) > kZoneFgaTolerance)
                c.quality.add(issue::kZoneFgaMismatch);
            rows.push(make_row(columns(), c));
        }
    }
};

}  // namespace

std::unique_ptr<pipeline::Processor> make_player_game_summary() { return std::make_unique<PlayerGameSummary>(); }

}  // namespace courtside::analytics
