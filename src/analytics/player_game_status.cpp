#include "analytics/player_game_status.hpp"

#include "analytics/columns.hpp"
#include "analytics/phase3_base.hpp"
#include "core/numbers.hpp"
#include "core/vocabulary.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace courtside::analytics {

std::string_view player_status(std::string_view comment) {
    // Ingest refused unknown leading words (ingest/vocabulary), so UNKNOWN marks only a listed
    // player without minutes and without any comment.
    static const std::vector<std::string_view>& known = core::comment_statuses().canonical;
    auto status = core::comment_statuses().normalize(core::comment_lead(comment));
    for (auto k : known)
        if (status && *status == k) return k;
    return "UNKNOWN";
}

namespace {

using pipeline::Value;

// A "0:00" line may still hold a stat (free throws or a foul in under a second): named, since the
// team totals count it while no rolling window does.
std::string zero_minutes_reason(const BoxRow& b) {
    std::string stats;
    const std::pair<const char*, const OptInt&> counts[] = {{"pts", b.pts}, {"fga", b.fga}, {"fta", b.fta}, {"reb", b.reb},
                                                            {"ast", b.ast}, {"stl", b.stl}, {"blk", b.blk}, {"tov", b.tov},
                                                            {"pf", b.pf}};
    for (const auto& [name, v] : counts)
        if (v.value_or(0) != 0) stats += fmt::format("{}{} {}", stats.empty() ? "" : ", ", *v, name);
    return fmt::format("listed with 0:00 minutes{}: an appearance, not a game played",
                       stats.empty() ? "" : " and " + stats + " (counted in the team totals)");
}
using T = store::ColumnType;

struct StatusCtx {
    const Game* game = nullptr;
    const BoxRow* box = nullptr;
    const TeamSide* side = nullptr;
};

const std::vector<Column<StatusCtx>>& columns() {
    static const std::vector<Column<StatusCtx>> cols = {
        {{"game_id", T::Text, true, doc::kGameId}, [](const StatusCtx& c) -> Value { return c.game->game_id; }},
        {{"game_date", T::Date, true, doc::kGameDate}, [](const StatusCtx& c) { return pipeline::date_value(c.game->date); }},
        {{"season", T::Integer, true, doc::kSeason}, [](const StatusCtx& c) -> Value { return int64_t{c.game->season}; }},
        {{"season_type", T::Text, true, doc::kSeasonType}, [](const StatusCtx& c) -> Value { return c.game->season_type; }},
        {{"player_id", T::BigInt, true, doc::kPlayerId}, [](const StatusCtx& c) -> Value { return c.box->player_id; }},
        {{"player_name", T::Text, false, doc::kPlayerName}, [](const StatusCtx& c) -> Value { return c.box->player_name; }},
        {{"team", T::Text, true, doc::kTeam}, [](const StatusCtx& c) -> Value { return c.side->code; }},
        {{"status", T::Text, true,
          "ZERO_MINUTES (listed with 0:00: an appearance, not a game played), else the first word of the box-score comment: "
          "DNP (did not play), DND (did not dress), NWT (not with team), INACTIVE, else UNKNOWN"},
         [](const StatusCtx& c) -> Value {
             return std::string(c.box->has_stat_line() ? kZeroMinutes : player_status(c.box->comment));
         }},
        {{"reason", T::Text, true,
          "the box-score comment (e.g. 'DNP - Coach's Decision', 'DND - Injury/Illness'), or for ZERO_MINUTES the stats listed at 0:00"},
         [](const StatusCtx& c) -> Value {
             if (c.box->has_stat_line()) return zero_minutes_reason(*c.box);
             auto comment = core::trim(c.box->comment);
             // A listed player with neither minutes nor a comment: say so rather than leave it blank.
             return comment.empty() ? std::string("no minutes and no comment in the box score") : std::string(comment);
         }},
        {{"source", T::Text, true, "source of the row: boxscoretraditionalv2 or player_game_log"},
         [](const StatusCtx& c) -> Value {
             return std::string(c.box->source == RowSource::PlayerLog ? "player_game_log" : "boxscoretraditionalv2");
         }},
    };
    return cols;
}

class PlayerGameStatus final : public Phase3Processor {
public:
    PlayerGameStatus()
        : Phase3Processor("player_game_status", {kBoxTable, kTeamLogTable, kPlayerLogTable},
                          make_spec("player_game_status", columns(), {"game_id", "player_id"},
                                    "One row per listed player per game who did not play: DNP, DND, NWT, or listed at 0:00, with the reason")) {}

    pipeline::PartitionResult compute_games(const GameInputs& in, core::Date date) const override {
        auto games = in.games_on(date);
        auto result = start(games);
        result.empty_reason = no_games_reason(in, date, games);
        size_t with_box = 0;
        for (const auto& g : games) {
            // A box score lists DNPs and 0:00s; a player log (partial roster) only its 0.0-minute rows.
            if (!g.has_box() && !g.has_player_log()) continue;
            ++with_box;
            auto box = g.has_box() ? in.box(g) : in.player_logs(g);
            GameTeams teams(g.teams, box);
            for (const auto& b : box)
                if (!b.played()) result.rows.push(make_row(columns(), StatusCtx{&g, &b, teams.find(b.team_id)}));
        }
        if (result.rows.empty() && result.empty_reason.empty())
            result.empty_reason = with_box == 0 ? no_box_score_reason(date, games)
                                                : fmt::format("every player listed in the {} box score{} or player logs of {} played",
                                                              with_box, with_box == 1 ? "" : "s", core::format_date(date));
        return result;
    }
};

}  // namespace

std::unique_ptr<pipeline::Processor> make_player_game_status() { return std::make_unique<PlayerGameStatus>(); }

}  // namespace courtside::analytics
