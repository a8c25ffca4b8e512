#include "ingest/schedule_fields.hpp"

#include "core/game_id.hpp"
#include "core/numbers.hpp"
#include "core/teams.hpp"

#include <fmt/format.h>

#include <cctype>

namespace courtside::ingest {

std::optional<ScheduleProblem> finish_schedule_row(ScheduleRow& g, std::string_view postponed) {
    if (!core::normalize_game_id(g.game_id) || g.game_id[2] < '1' || g.game_id[2] > '6')
        return ScheduleProblem{ScheduleProblem::GameId, fmt::format("'{}' is not a GAME_ID of a known season type", g.game_id)};
    const auto type = core::season_type_of_game_id(g.game_id);
    g.season = core::season_of_game_id(g.game_id);
    g.season_type = std::string(core::season_type_name(type));
    switch (g.game_status_id) {
        case 1: g.game_status = "scheduled"; break;
        case 2: g.game_status = "in_progress"; break;
        case 3: g.game_status = "final"; break;
        default:
            return ScheduleProblem{ScheduleProblem::Status,
                                   fmt::format("unknown game status {} ('{}'): 1 scheduled, 2 in progress, 3 final",
                                               g.game_status_id, g.game_status_text)};
    }
    if (postponed == "Y") g.game_status = "postponed";
    else if (!postponed.empty() && postponed != "N")
        return ScheduleProblem{ScheduleProblem::Postponed, fmt::format("unknown postponedStatus '{}' (N or Y)", postponed)};

    for (auto [id, code, field] : {std::tuple{g.home_team_id, &g.home_team, ScheduleProblem::HomeTeam},
                                   std::tuple{g.away_team_id, &g.away_team, ScheduleProblem::AwayTeam}}) {
        const auto* team = core::team_by_id(id);
        if (type == core::SeasonType::AllStar) {
            g.skip_reason = "All-Star weekend game: its teams are not NBA teams";
            continue;
        }
        if (!team) {
            // Preseason games against clubs from other leagues are real, but not NBA games.
            if (type == core::SeasonType::Preseason) {
                g.skip_reason = fmt::format("preseason game against a club outside the NBA ({} {})", code->empty() ? "?" : *code, id);
                continue;
            }
            return ScheduleProblem{field, fmt::format("team {} ({}) is not in the team table", id, *code)};
        }
        if (!code->empty() && core::team_by_tricode(*code) != team)
            return ScheduleProblem{field, fmt::format("tricode '{}' is not team {} ({})", *code, id, team->tricode)};
        *code = std::string(team->tricode);
    }
    return std::nullopt;
}

std::optional<int> eastern_clock_seconds(std::string_view text) {
    text = core::trim(text);
    // "7:30 pm ET", "12:00 pm ET", "1:00 pm ET"
    size_t colon = text.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 2 || text.size() < colon + 3) return std::nullopt;
    auto h = core::parse_int(text.substr(0, colon));
    auto m = core::parse_int(text.substr(colon + 1, 2));
    std::string rest;
    for (char c : text.substr(colon + 3))
        if (!std::isspace(static_cast<unsigned char>(c))) rest += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!h || !m || *h < 1 || *h > 12 || *m < 0 || *m > 59) return std::nullopt;
    int hour = static_cast<int>(*h % 12);
    if (rest == "pmet") hour += 12;
    else if (rest != "amet") return std::nullopt;
    return hour * 3600 + static_cast<int>(*m) * 60;
}

}  // namespace courtside::ingest
