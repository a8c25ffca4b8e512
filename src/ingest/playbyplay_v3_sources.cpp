// Play-by-play as action lists: stats.nba.com playbyplayv3 and the NBA CDN live play-by-play,
// into raw.playbyplay_v3 as recorded. The two differ in detail:
//  - stats.nba.com keys actions by actionId; a block or steal credit is its own action sharing the
//    shot's actionNumber, with an empty actionType; a make names its assist only in the text
//    ("... (Allen 1 AST)"); shotValue is 2 or 3;
//  - the CDN keys actions by actionNumber; a shot's assist, block and steal carry person ids;
//    actionType "2pt" / "3pt" is the shot value; shotDistance has a fraction (feet).
// A field goal must name its shooter, value and result; an id of 0 means "nobody".
#include "core/game_id.hpp"
#include "ingest/json_reader.hpp"
#include "ingest/json_sources.hpp"

#include <fmt/format.h>

#include <map>

namespace courtside::ingest {

std::vector<PlayByPlayV3Row> parse_playbyplay_v3(const nlohmann::json& doc, SourceKind kind, std::vector<DroppedRow>& dropped) {
    const bool cdn = kind == SourceKind::CdnPlayByPlay;
    const std::string source(source_kind_name(kind));
    check_schema_version(doc, source);
    JsonReader game = JsonReader(doc, "", source).object("game");
    auto raw_id = game.req_text("gameId");
    auto game_id = core::normalize_game_id(raw_id);
    if (!game_id) game.fail("gameId", fmt::format("'{}' is not a GAME_ID", raw_id));
    const auto& actions = game.array("actions");
    if (actions.empty()) game.fail("actions", "no actions (an empty play-by-play)");

    auto id_or_null = [](const JsonReader& a, std::string_view key) -> OptInt {
        auto v = a.opt_int(key);
        return (v && *v == 0) ? std::nullopt : v;
    };
    std::vector<PlayByPlayV3Row> out;
    out.reserve(actions.size());
    std::map<int64_t, size_t> seen;  // action key -> index in actions
    for (size_t i = 0; i < actions.size(); ++i) {
        JsonReader a = game.element(actions, "actions", i, i + 2);
        PlayByPlayV3Row e;
        e.game_id = *game_id;
        e.source_row = i + 2;
        e.action_number = a.req_int("actionNumber");
        e.action_key = cdn ? e.action_number : a.req_int("actionId");
        if (auto [it, fresh] = seen.emplace(e.action_key, i); !fresh) {
            if (actions[it->second] != actions[i])
                a.fail(cdn ? "actionNumber" : "actionId", fmt::format("action {} listed twice with different content", e.action_key));
            dropped.push_back({i + 2, fmt::format("exact duplicate of row {}", it->second + 2)});
            continue;
        }
        e.period = a.req_int("period");
        e.clock = a.text("clock");
        e.team_id = id_or_null(a, "teamId");
        e.team_tricode = a.text("teamTricode");
        e.person_id = id_or_null(a, "personId");
        e.player_name = a.text("playerName");
        e.action_type = a.text("actionType");
        e.sub_type = a.text("subType");
        e.description = a.text("description");
        e.location = a.text("location");
        e.is_field_goal = a.opt_bool("isFieldGoal").value_or(false);
        e.shot_result = a.text("shotResult");
        e.shot_distance = a.opt_double("shotDistance");
        e.x_legacy = a.opt_int("xLegacy");
        e.y_legacy = a.opt_int("yLegacy");
        e.score_home = a.text("scoreHome");
        e.score_away = a.text("scoreAway");
        if (cdn) {
            e.assist_person_id = id_or_null(a, "assistPersonId");
            e.block_person_id = id_or_null(a, "blockPersonId");
            e.steal_person_id = id_or_null(a, "stealPersonId");
        }
        if (e.is_field_goal) {
            if (cdn) {
                if (e.action_type == "2pt") e.shot_value = 2;
                else if (e.action_type == "3pt") e.shot_value = 3;
                else a.fail("actionType", fmt::format("field goal of type '{}' (2pt or 3pt)", e.action_type));
            } else {
                e.shot_value = a.opt_int("shotValue");
                if (e.shot_value != 2 && e.shot_value != 3)
                    a.fail("shotValue", fmt::format("field goal worth {} (2 or 3)", e.shot_value ? std::to_string(*e.shot_value) : "nothing"));
            }
            if (e.shot_result != "Made" && e.shot_result != "Missed")
                a.fail("shotResult", fmt::format("field goal result '{}' (Made or Missed)", e.shot_result));
            if (!e.person_id) a.fail("personId", "a field goal without a shooter");
            if (e.shot_distance && *e.shot_distance < 0) a.fail("shotDistance", fmt::format("negative distance {}", *e.shot_distance));
        }
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace courtside::ingest
