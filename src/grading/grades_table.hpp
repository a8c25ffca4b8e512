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

}  // namespace courtside::grading
