#include "analytics/player_game_status.hpp"

#include "analytics/columns.hpp"
#include "analytics/phase3_base.hpp"
#include "core/numbers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace courtside::analytics {

std::string_view player_status(std::string_view comment) {
    comment = core::trim(comment);
    size_t n = 0;
    while (n < comment.size() && std::isalpha(static_cast<unsigned char>(comment[n]))) ++n;
    std::string word;
    for (char ch : comment.substr(0, n)) word += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    for (std::string_view s : {"DNP", "DND", "NWT", "INACTIVE"})
        if (word == s) return s;
    return "UNKNOWN";
}

namespace {

using pipeline::Value;
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
        {{"status", T::Text, true, "first word of the box-score comment: DNP (did not play), DND (did not dress), NWT (not with team), INACTIVE, else UNKNOWN"},
         [](const StatusCtx& c) -> Value { return std::string(player_status(c.box->comment)); }},
        {{"reason", T::Text, true, "the box-score comment (e.g. 'DNP - Coach's Decision', 'DND - Injury/Illness')"},
         [](const StatusCtx& c) -> Value {
             auto comment = core::trim(c.box->comment);
             // A listed player with neither minutes nor a comment: say so rather than leave it blank.
             return comment.empty() ? std::string("no minutes and no comment in the box score") : std::string(comment);
         }},
        {{"source", T::Text, true, "source of the row: boxscoretraditionalv2"},
         [](const StatusCtx&) -> Value { return std::string("boxscoretraditionalv2"); }},
    };
    return cols;
}

class PlayerGameStatus final : public Phase3Processor {
public:
    PlayerGameStatus()
        : Phase3Processor("player_game_status", {kBoxTable, kTeamLogTable},
                          make_spec("player_game_status", columns(), {"game_id", "player_id"},
                                    "One row per listed player per game who did not play (DNP, DND, NWT), with the reason")) {}

    pipeline::PartitionResult compute(core::Date date) const override {
        auto games = inputs().games_on(date);
        auto result = start(games);
        result.empty_reason = no_games_reason(date, games);
        size_t with_box = 0;
        for (const auto& g : games) {
            if (!g.has_box()) continue;
            ++with_box;
            auto box = inputs().box(g);
            GameTeams teams(g.teams, box);
            for (const auto& b : box)
                if (!b.played()) result.rows.push(make_row(columns(), StatusCtx{&g, &b, teams.find(b.team_id)}));
        }
        if (result.rows.empty() && result.empty_reason.empty())
            result.empty_reason = with_box == 0 ? no_box_score_reason(date, games)
                                                : fmt::format("every player listed in the {} box score{} of {} played",
                                                              with_box, with_box == 1 ? "" : "s", core::format_date(date));
        return result;
    }
};

}  // namespace

std::unique_ptr<pipeline::Processor> make_player_game_status() { return std::make_unique<PlayerGameStatus>(); }

}  // namespace courtside::analytics
