// Whether a store file can be written, asked before a job opens it: DuckDB would open a
// read-only store and fail only at its first write, halfway through the job.
#pragma once

#include <string>

namespace courtside::store {

// Throws StoreError naming the file and the reason when the store could not be written: the
// file or its write-ahead log (<file>.wal) read-only, or their directory missing or not
// writable (the log is created there). ":memory:" is always writable.
void require_writable(const std::string& path);

}  // namespace courtside::store
