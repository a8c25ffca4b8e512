// The dashboard's page frame: the head with its inline CSS, the navigation, and the small
// vanilla-JS helpers (sortable and filterable tables). Everything is inline: a page makes no
// request beyond its own URL (the Content-Security-Policy serve sends forbids any other).
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace courtside::serve {

// A whole HTML document; `active` names the nav entry to highlight ("picks", "performance", "health", "models").
std::string layout(const std::string& title, const std::string& active, const std::string& body);
std::string html(const std::string& text);  // escaped for element content and attribute values
// A JSON value as table text: numbers with `decimals` places, strings escaped, null as "-".
std::string cell(const nlohmann::json& v, int decimals = 2);
// A JSON number as a percentage with one decimal ("-" for null).
std::string pct(const nlohmann::json& v);
// The value to sort a cell by (data-v): numbers as they are, text escaped, null as "".
std::string sort_key(const nlohmann::json& v);

}  // namespace courtside::serve
