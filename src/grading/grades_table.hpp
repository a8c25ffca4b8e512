// models.grades: one row per (line, system): the graded lines with every figure of GradeRow, and
// the lines that could not be graded with their reason in `status`. A run replaces its
// (game_date, market, system) partitions in one transaction, so reruns are idempotent.
#pragma once

#include "grading/grader.hpp"
#include "store/table_spec.hpp"

namespace courtside::grading {

const store::TableSpec& grades_spec();
void ensure_grades_table(store::Connection& con);
// Returns the rows written.
size_t write_grades(store::Connection& con, const GradeRun& run);

// The stored grades of one market and system over [from, to], back as the GradeRun that wrote
// them (what summarize() needs: every line, graded or with its reason), in date order. The
// edge threshold is the one most of the graded rows used; spreads and calibrations are not stored.
GradeRun read_grades(store::Connection& con, const std::string& market, const std::string& system, store::DateDays from,
                     store::DateDays to);

}  // namespace courtside::grading
