// Evaluation reports: text (printed), JSON, and one self-contained HTML page with inline SVG
// charts. Every report states the population it scored.
#pragma once

#include "models/evaluation.hpp"
#include "models/scoring.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace courtside::models {

// What was scored, and what was left out and why.
std::string population_statement(const EvaluationResult& r);
std::string report_text(const EvaluationResult& r, const Scores& s);
nlohmann::json report_json(const EvaluationResult& r, const Scores& s);
std::string report_html(const EvaluationResult& r, const Scores& s);
// The message printed instead of results when the leakage guard fired.
std::string audit_text(const EvaluationResult& r);

}  // namespace courtside::models
