// The one person-name normalizer. Every source that names players (box scores, player logs,
// the player directory, sportsbook props) is matched through it, so "Nikola Jokić",
// "Nikola Jokic" and "NIKOLA JOKIC" are the same key.
#pragma once

#include <string>
#include <string_view>

namespace courtside::core {

// The match key of a person's name (UTF-8 in, ASCII out):
//  - lowercase; accented Latin letters lose their accents ("Dončić" -> "doncic", "ß" -> "ss");
//  - periods and apostrophes vanish ("P.J." -> "pj", "De'Aaron" -> "deaaron");
//  - hyphens, commas and other punctuation separate words ("Gilgeous-Alexander" -> "gilgeous alexander");
//  - runs of single letters join ("P. J. Tucker" -> "pj tucker", the same as "PJ Tucker");
//  - trailing generational suffixes jr, sr, ii, iii, iv are dropped ("Gary Trent Jr." -> "gary trent");
//  - whitespace collapses to single spaces.
// Folding suffixes makes fathers and sons share a key; the player identity index tells them apart
// by the seasons they played. Characters outside Latin script are kept as they are.
std::string normalize_person_name(std::string_view name);

}  // namespace courtside::core
