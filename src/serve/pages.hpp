// The dashboard pages, server-rendered from the API's own JSON documents (api.hpp): HTML tables,
// inline SVG charts (models/svg_chart.hpp) and a few lines of vanilla JS for sorting and filtering.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace courtside::serve {

std::string page_picks(const nlohmann::json& picks);            // from api_picks
std::string page_performance(const nlohmann::json& grades);     // from api_grades
std::string page_player(const nlohmann::json& player);          // from api_player
std::string page_health(const nlohmann::json& status, const nlohmann::json& validation);  // api_status + api_validation
std::string page_models(const nlohmann::json& models);          // from api_models
std::string page_error(int status, const std::string& message);

}  // namespace courtside::serve
