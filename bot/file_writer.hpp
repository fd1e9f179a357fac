#pragma once
// Files siren keeps on its own disk (review drafts). A file is written whole under a temporary
// name and renamed into place, so a reader never sees half of one and a retry is harmless.

#include "adapters/call_result.hpp"

#include <string>

namespace siren {

// Creates the missing directories on the way. A failure says why, retryable (a full disk may
// clear up).
adapters::call_result<> write_file_whole(const std::string& path, const std::string& content);

// `path` when it is absolute or `directory` is empty, else `path` under `directory`.
std::string path_under(const std::string& directory, const std::string& path);

// The directory of a file path ("data/siren.db" → "data"); empty for a bare file name.
std::string directory_of(const std::string& file);

} // namespace siren
