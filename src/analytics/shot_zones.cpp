#include "analytics/shot_zones.hpp"

#include <cctype>

namespace courtside::analytics {

static bool contains(std::string_view s, std::string_view needle) { return s.find(needle) != std::string_view::npos; }

// A field-goal description names the shot: a miss starts "MISS ", a make reports "(n PTS)".
static bool describes_shot(std::string_view d) { return d.starts_with("MISS ") || contains(d, " PTS)"); }

std::string_view shooter_description(std::string_view home, std::string_view visitor) {
    if (home.empty()) return visitor;
    if (visitor.empty()) return home;
    bool h = describes_shot(home), v = describes_shot(visitor);
    if (h != v) return h ? home : visitor;
    // Neither (or both) reads as a shot: the side without the block credit is the shooter's.
    bool hb = contains(home, " BLOCK ("), vb = contains(visitor, " BLOCK (");
    if (hb != vb) return hb ? visitor : home;
    return home;
}

std::optional<int> shot_distance(std::string_view d) {
    for (size_t i = 0; i < d.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(d[i]))) continue;
        if (i > 0 && !std::isspace(static_cast<unsigned char>(d[i - 1]))) {
            while (i < d.size() && std::isdigit(static_cast<unsigned char>(d[i]))) ++i;
            continue;  // digits inside a word ("3PT") are not a distance
        }
        size_t j = i;
        int feet = 0;
        while (j < d.size() && std::isdigit(static_cast<unsigned char>(d[j])) && feet < 1000) feet = feet * 10 + (d[j++] - '0');
        if (j < d.size() && d[j] == '\'') return feet;
        i = j;
    }
    return std::nullopt;
}

Zone classify_shot(std::string_view d) {
    if (contains(d, "3PT")) return Zone::Three;
    auto feet = shot_distance(d);
    return (!feet || *feet <= 8) ? Zone::Paint : Zone::Mid;
}

std::optional<ClassifiedShot> classify_event(int eventmsgtype, std::string_view home, std::string_view visitor,
                                             bool has_player2) {
    if (eventmsgtype != 1 && eventmsgtype != 2) return std::nullopt;
    bool made = eventmsgtype == 1;
    return ClassifiedShot{classify_shot(shooter_description(home, visitor)), made, made && has_player2};
}

ClassifiedShot classify_v3_shot(int shot_value, std::optional<double> distance_ft, bool made,
                                bool has_assist_person, std::string_view description) {
    Zone zone = shot_value == 3 ? Zone::Three : (!distance_ft || *distance_ft < 9.0) ? Zone::Paint : Zone::Mid;
    bool assisted = made && (has_assist_person || contains(description, " AST)"));
    return ClassifiedShot{zone, made, assisted};
}

void ZoneCounts::add(const ClassifiedShot& s) {
    int& fga = s.zone == Zone::Three ? three_fga : s.zone == Zone::Mid ? mid_fga : paint_fga;
    int& fgm = s.zone == Zone::Three ? three_fgm : s.zone == Zone::Mid ? mid_fgm : paint_fgm;
    ++fga;
    if (s.made) ++fgm;
    if (s.assisted) ++assisted_fgm;
}

}  // namespace courtside::analytics
