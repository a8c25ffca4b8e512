// Query strings built the way the recorded stats.nba.com URLs are: parameters sorted by name,
// spaces as '+', everything else outside [A-Za-z0-9-._~] percent-encoded.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace courtside::fetch {

std::string url_encode(std::string_view s);
// base + path + "?" + the sorted, encoded parameters (no "?" when there are none).
std::string build_url(const std::string& base, std::string_view path, const std::map<std::string, std::string>& params);

}  // namespace courtside::fetch
