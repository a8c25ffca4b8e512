// Shot-zone classification of play-by-play field goals: playbyplayv2 events (EVENTMSGTYPE 1 made,
// 2 missed, read from their descriptions) and v3 actions (playbyplayv3 and the CDN's live
// play-by-play, read from their own fields). Both give the same zone for the same shot.
#pragma once

#include <optional>
#include <string_view>

namespace courtside::analytics {

enum class Zone { Paint, Mid, Three };

// The shooter's side of an event. Both descriptions are non-empty only on blocked shots, where the
// blocker's team carries "X BLOCK (n BLK)": the side with the shot ("MISS ...", "... PTS)") wins.
std::string_view shooter_description(std::string_view home, std::string_view visitor);

// Feet in a description ("MISS Allen 27' 3PT Jump Shot" -> 27). Only a number that starts a word
// counts, so names such as O'Neale never read as a distance. nullopt when there is none.
std::optional<int> shot_distance(std::string_view description);

// Three if the text contains "3PT"; else paint when the distance is <= 8 ft or absent (at-rim
// shots carry none); else mid-range.
Zone classify_shot(std::string_view description);

struct ClassifiedShot {
    Zone zone;
    bool made;
    bool assisted;  // a make with a PLAYER2
};
// eventmsgtype 1 or 2; nullopt for any other event.
std::optional<ClassifiedShot> classify_event(int eventmsgtype, std::string_view home, std::string_view visitor,
                                             bool has_player2);

// A v3 field goal from its own fields: three when worth 3; else paint when the distance is under
// 9 ft (the descriptions print whole feet rounded down: 8.7 ft reads "8'") or absent; else
// mid-range. Assisted: a make with an assist person, or (stats.nba.com, whose v3 names the
// assister only in the text) a description crediting one ("(Allen 1 AST)").
ClassifiedShot classify_v3_shot(int shot_value, std::optional<double> distance_ft, bool made,
                                bool has_assist_person, std::string_view description);

// Attempts and makes by zone for one player or team in one game.
struct ZoneCounts {
    int paint_fga = 0, paint_fgm = 0, mid_fga = 0, mid_fgm = 0, three_fga = 0, three_fgm = 0, assisted_fgm = 0;
    void add(const ClassifiedShot& s);
    int fga() const { return paint_fga + mid_fga + three_fga; }
    int fgm() const { return paint_fgm + mid_fgm + three_fgm; }
};

}  // namespace courtside::analytics
