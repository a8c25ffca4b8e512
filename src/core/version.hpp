// The code version stamped on every ledger row, model, prediction and grade: the project
// version and the git commit the binary was configured from ("0.1.0+4c77c5c1a2b3").
// Defined in a file CMake generates, so a new commit recompiles one file, not the tree.
#pragma once

namespace courtside::core {

const char* code_version();

}  // namespace courtside::core
