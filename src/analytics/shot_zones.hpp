// Shot-zone classification of playbyplayv2 field-goal events (EVENTMSGTYPE 1 made, 2 missed).
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

// Attempts and makes by zone for one player or team in one game.
struct ZoneCounts {
    int paint_fga = 0, paint_fgm = 0, mid_fga = 0, mid_fgm = 0, three_fga = 0, three_fgm = 0, assisted_fgm = 0;
    void add(const ClassifiedShot& s);
    int fga() const { return paint_fga + mid_fga + three_fga; }
    int fgm() const { return paint_fgm + mid_fgm + three_fgm; }
};

}  // namespace courtside::analytics
